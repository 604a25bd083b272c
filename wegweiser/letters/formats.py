# ruff: noqa: E501, RUF001  (month names, words and sentences in ten languages are the content)
"""Dates, times and the fixed words of the letter frame in each letter language.

Plain data, no Django: dates follow each language's usual written form (CLDR), with Western
digits so that a date reads the same as on the person's documents."""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "en": "January February March April May June July August September October November December",
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
}

# Long forms with month names where the language writes them so; numeric forms elsewhere
# (Arabic d/M/y, Dari and Pashto y/M/d as in CLDR, Tigrinya d/M/y, Kurmanji d.M.y).
_NUMERIC = {
    "ar": "{d:02d}/{m:02d}/{y}",
    "prs": "{y}/{m:02d}/{d:02d}",
    "ps": "{y}/{m:02d}/{d:02d}",
    "ti": "{d:02d}/{m:02d}/{y}",
    "kmr": "{d:02d}.{m:02d}.{y}",
}
_LONG = {
    "de": "{d}. {month} {y}",
    "en": "{d} {month} {y}",
    "uk": "{d} {month} {y} р.",
    "ru": "{d} {month} {y} г.",
    "tr": "{d} {month} {y}",
}


def format_date(day: dt.date, language: str) -> str:
    if language in _LONG:
        month = MONTHS[language].split()[day.month - 1]
        return _LONG[language].format(d=day.day, month=month, y=day.year)
    pattern = _NUMERIC.get(language, "{d:02d}.{m:02d}.{y}")
    return pattern.format(d=day.day, m=day.month, y=day.year)


def format_time(moment: dt.time) -> str:
    """24-hour clock in every language, as the centre's opening hours are written."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


# The frame around the text: labels beside the date and reference, and the note that only
# the German text is binding. Like the texts, the translations are to be checked by a person
# who reads the language.
FRAME: dict[str, dict[str, str]] = {
    "de": {
        "interpreter_ask": "Sie brauchen eine Dolmetscherin oder einen Dolmetscher? Dann sagen Sie es uns bitte vorher.",
        "interpreter_booked": "Eine Dolmetscherin oder ein Dolmetscher ist beim Termin dabei.",
        "by_phone": "Wir rufen Sie an.",
        "video": "Videogespräch",
        "home_visit": "bei Ihnen zu Hause",
        "who_person": "Sie",
        "who_caseworker": "wir",
        "who_partner": "Partner",
        "date": "Datum",
        "reference": "Aktenzeichen",
        "contact": "Ihre Ansprechperson",
        "notice": "",
        "heading": "Deutsch",
    },
    "en": {
        "interpreter_ask": "Do you need an interpreter? Then please tell us beforehand.",
        "interpreter_booked": "An interpreter will be at the appointment.",
        "by_phone": "We will call you by phone.",
        "video": "Video call",
        "home_visit": "at your home",
        "who_person": "you",
        "who_caseworker": "we",
        "who_partner": "partner",
        "date": "Date",
        "reference": "Reference",
        "contact": "Your contact person",
        "notice": "Translation for your information. Only the German text is binding.",
        "heading": "English",
    },
    "ar": {
        "interpreter_ask": "إذا كنتم بحاجة إلى مترجم أو مترجمة، يُرجى إخبارنا مسبقًا.",
        "interpreter_booked": "سيحضر الموعد مترجم أو مترجمة.",
        "by_phone": "سنتصل بكم هاتفيًا.",
        "video": "مكالمة فيديو",
        "home_visit": "في منزلكم",
        "who_person": "أنتم",
        "who_caseworker": "نحن",
        "who_partner": "جهة شريكة",
        "date": "التاريخ",
        "reference": "رقم الملف",
        "contact": "الشخص المسؤول عنكم",
        "notice": "ترجمة للعلم فقط. النص الألماني هو وحده الملزم.",
        "heading": "العربية",
    },
    "prs": {
        "interpreter_ask": "اگر به ترجمان ضرورت دارید، لطفاً پیش از وقت به ما بگویید.",
        "interpreter_booked": "در این ملاقات یک ترجمان حاضر خواهد بود.",
        "by_phone": "ما به شما تلفون می‌کنیم.",
        "video": "تماس ویدیویی",
        "home_visit": "در خانهٔ شما",
        "who_person": "شما",
        "who_caseworker": "ما",
        "who_partner": "نهاد همکار",
        "date": "تاریخ",
        "reference": "شماره دوسیه",
        "contact": "شخص مسئول شما",
        "notice": "این ترجمه فقط برای معلومات شماست. تنها متن آلمانی معتبر است.",
        "heading": "دری",
    },
    "ps": {
        "interpreter_ask": "که تاسو ژباړونکي ته اړتیا لرئ، مهرباني وکړئ مخکې موږ ته ووایاست.",
        "interpreter_booked": "په دې ملاقات کې به یو ژباړونکی موجود وي.",
        "by_phone": "موږ به تاسو ته ټیلفون وکړو.",
        "video": "ویډیويي اړیکه",
        "home_visit": "ستاسو په کور کې",
        "who_person": "تاسو",
        "who_caseworker": "موږ",
        "who_partner": "همکار اداره",
        "date": "نېټه",
        "reference": "د دوسیې شمېره",
        "contact": "ستاسو مسؤل کس",
        "notice": "دا ژباړه یوازې ستاسو د معلوماتو لپاره ده. یوازې الماني متن اعتبار لري.",
        "heading": "پښتو",
    },
    "uk": {
        "interpreter_ask": "Вам потрібен перекладач або перекладачка? Тоді, будь ласка, скажіть нам про це заздалегідь.",
        "interpreter_booked": "На зустрічі буде перекладач або перекладачка.",
        "by_phone": "Ми вам зателефонуємо.",
        "video": "Відеодзвінок",
        "home_visit": "у вас удома",
        "who_person": "ви",
        "who_caseworker": "ми",
        "who_partner": "партнер",
        "date": "Дата",
        "reference": "Номер справи",
        "contact": "Ваша контактна особа",
        "notice": "Переклад для вашої інформації. Юридичну силу має лише німецький текст.",
        "heading": "Українська",
    },
    "ru": {
        "interpreter_ask": "Вам нужен переводчик или переводчица? Тогда, пожалуйста, скажите нам об этом заранее.",
        "interpreter_booked": "На встрече будет переводчик или переводчица.",
        "by_phone": "Мы вам позвоним.",
        "video": "Видеозвонок",
        "home_visit": "у вас дома",
        "who_person": "вы",
        "who_caseworker": "мы",
        "who_partner": "партнёр",
        "date": "Дата",
        "reference": "Номер дела",
        "contact": "Ваше контактное лицо",
        "notice": "Перевод для вашей информации. Юридическую силу имеет только немецкий текст.",
        "heading": "Русский",
    },
    "ti": {
        "interpreter_ask": "ተርጓሚ እንተድኣ ኣድልዩኩም፡ በጃኹም ኣቐዲምኩም ንገሩና።",
        "interpreter_booked": "ኣብቲ ቆጸራ ተርጓሚ ክህሉ እዩ።",
        "by_phone": "ብተሌፎን ክንድውለልኩም ኢና።",
        "video": "ናይ ቪድዮ ርክብ",
        "home_visit": "ኣብ ገዛኹም",
        "who_person": "ንስኹም",
        "who_caseworker": "ንሕና",
        "who_partner": "መሻርኽቲ",
        "date": "ዕለት",
        "reference": "ቁጽሪ ፋይል",
        "contact": "ተወካሲ ሰብ",
        "notice": "እዚ ትርጉም ንሓበሬታኹም ጥራይ እዩ። ዘገድድ ናይ ጀርመን ጽሑፍ ጥራይ እዩ።",
        "heading": "ትግርኛ",
    },
    "tr": {
        "interpreter_ask": "Tercümana mı ihtiyacınız var? O zaman lütfen önceden bize söyleyin.",
        "interpreter_booked": "Randevuda bir tercüman bulunacaktır.",
        "by_phone": "Sizi telefonla arayacağız.",
        "video": "Görüntülü görüşme",
        "home_visit": "evinizde",
        "who_person": "siz",
        "who_caseworker": "biz",
        "who_partner": "ortak kurum",
        "date": "Tarih",
        "reference": "Dosya numarası",
        "contact": "İrtibat kişiniz",
        "notice": "Bilginiz için çeviridir. Yalnızca Almanca metin bağlayıcıdır.",
        "heading": "Türkçe",
    },
    "kmr": {
        "interpreter_ask": "Hûn hewcedarî wergêr in? Wê demê ji kerema xwe berê ji me re bêjin.",
        "interpreter_booked": "Di hevdîtinê de wergêrek dê amade be.",
        "by_phone": "Em ê bi telefonê li we bigerin.",
        "video": "Hevdîtina vîdyoyî",
        "home_visit": "li mala we",
        "who_person": "hûn",
        "who_caseworker": "em",
        "who_partner": "hevkar",
        "date": "Dîrok",
        "reference": "Hejmara dosyayê",
        "contact": "Kesê/a têkiliyê",
        "notice": "Ev werger tenê ji bo agahdariya we ye. Tenê nivîsa almanî girêdayî ye.",
        "heading": "Kurmancî",
    },
}
