# ruff: noqa: E501, RUF001  (letter texts in ten languages: long lines and non-Latin letters are the content)
"""The letter texts shipped with Wegweiser: German in plain language and nine translations.

Loaded by a data migration (and by `wegweiser letters load-texts`) into `LetterText` rows
that do not exist yet; rows a centre has edited are never overwritten. Every text ships as a
draft: a person at the centre who reads the language must check it and mark it reviewed.
The German text is the binding one; the translations say so on the letter.
"""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "de": {
        "invitation": (
            "Einladung zu einem Termin am {date}",
            """Guten Tag {given_name} {family_name},

wir laden Sie zu einem Gespräch ein.

Datum: {date}
Uhrzeit: {time}
Ort: {place}

Bitte bringen Sie diesen Brief und Ihren Ausweis oder Pass mit.

Sie können nicht kommen? Dann sagen Sie uns bitte vorher Bescheid: Telefon {caseworker_phone}, E-Mail {caseworker_email}.

{interpreter}

Mit freundlichen Grüßen
{caseworker}""",
        ),
        "reminder": (
            "Erinnerung an Ihren Termin am {date}",
            """Guten Tag {given_name} {family_name},

wir erinnern Sie an Ihren Termin bei uns.

Datum: {date}
Uhrzeit: {time}
Ort: {place}

Bitte kommen Sie pünktlich. Bringen Sie bitte Ihren Ausweis oder Pass mit.

Sie können nicht kommen? Dann sagen Sie uns bitte vorher Bescheid: Telefon {caseworker_phone}, E-Mail {caseworker_email}.

Mit freundlichen Grüßen
{caseworker}""",
        ),
        "plan": (
            "Ihr Plan vom {date}",
            """Guten Tag {given_name} {family_name},

am {date} haben wir zusammen Ihren Plan besprochen. Hier steht, was wir vereinbart haben: Ihr Ziel, die Schritte, wer was macht und bis wann.

{goals}

Wir sprechen regelmäßig über den Plan. Wenn sich etwas ändert, sagen Sie es uns bitte. Dann passen wir den Plan gemeinsam an.

Haben Sie Fragen? Rufen Sie uns an: {caseworker_phone}.

Mit freundlichen Grüßen
{caseworker}""",
        ),
        "course-referral": (
            "Ihr Platz im Deutschkurs",
            """Guten Tag {given_name} {family_name},

für Sie gibt es einen Platz in einem Deutschkurs:

Kurs: {course}
Beginn: {date}
Ort: {place}

Bitte melden Sie sich beim Kursträger an. Nehmen Sie diesen Brief und Ihren Ausweis oder Pass mit.

Deutsch ist wichtig für Arbeit, Ausbildung und Alltag. Bitte gehen Sie regelmäßig zum Kurs. Wenn Sie nicht kommen können, sagen Sie bitte dem Kursträger Bescheid.

Haben Sie Fragen? Rufen Sie uns an: {caseworker_phone}.

Mit freundlichen Grüßen
{caseworker}""",
        ),
        "documents-request": (
            "Bitte reichen Sie Unterlagen ein",
            """Guten Tag {given_name} {family_name},

für Ihre Beratung brauchen wir noch diese Unterlagen:

{documents}

Bitte bringen Sie die Unterlagen bis zum {date} zu uns oder schicken Sie uns eine Kopie. Schreiben Sie bitte Ihr Aktenzeichen dazu: {reference}.

Sie haben eine Unterlage nicht? Oder Sie brauchen mehr Zeit? Dann sprechen Sie bitte mit uns: {caseworker_phone}.

Mit freundlichen Grüßen
{caseworker}""",
        ),
        "follow-up": (
            "Bestätigung unseres Gesprächs vom {date}",
            """Guten Tag {given_name} {family_name},

am {date} haben wir mit Ihnen über Ihre Arbeit bei {place} gesprochen. Mit diesem Brief bestätigen wir das Gespräch.

Wir begleiten Sie weiter, damit Ihre Arbeit gut läuft. Haben Sie Probleme bei der Arbeit, zum Beispiel mit der Sprache, den Arbeitszeiten oder der Kinderbetreuung? Dann melden Sie sich bitte bei uns.

Telefon: {caseworker_phone}
E-Mail: {caseworker_email}

Mit freundlichen Grüßen
{caseworker}""",
        ),
    },
    "en": {
        "invitation": (
            "Invitation to an appointment on {date}",
            """Hello {given_name} {family_name},

we invite you to a meeting with us.

Date: {date}
Time: {time}
Place: {place}

Please bring this letter and your identity card or passport.

You cannot come? Then please tell us beforehand: phone {caseworker_phone}, e-mail {caseworker_email}.

{interpreter}

Kind regards
{caseworker}""",
        ),
        "reminder": (
            "Reminder of your appointment on {date}",
            """Hello {given_name} {family_name},

this is a reminder of your appointment with us.

Date: {date}
Time: {time}
Place: {place}

Please come on time. Please bring your identity card or passport.

You cannot come? Then please tell us beforehand: phone {caseworker_phone}, e-mail {caseworker_email}.

Kind regards
{caseworker}""",
        ),
        "plan": (
            "Your plan of {date}",
            """Hello {given_name} {family_name},

on {date} we talked about your plan together. This is what we agreed: your goal, the steps, who does what and by when.

{goals}

We will talk about the plan regularly. If something changes, please tell us. Then we will adjust the plan together.

Do you have questions? Call us: {caseworker_phone}.

Kind regards
{caseworker}""",
        ),
        "course-referral": (
            "Your place in a German course",
            """Hello {given_name} {family_name},

there is a place for you in a German course:

Course: {course}
Start: {date}
Place: {place}

Please register with the course provider. Take this letter and your identity card or passport with you.

German is important for work, vocational training and everyday life. Please attend the course regularly. If you cannot attend, please tell the course provider.

Do you have questions? Call us: {caseworker_phone}.

Kind regards
{caseworker}""",
        ),
        "documents-request": (
            "Please send us documents",
            """Hello {given_name} {family_name},

for your counselling we still need these documents:

{documents}

Please bring the documents to us or send us a copy by {date}. Please write your reference number on it: {reference}.

You do not have one of the documents? Or you need more time? Then please talk to us: {caseworker_phone}.

Kind regards
{caseworker}""",
        ),
        "follow-up": (
            "Confirmation of our conversation on {date}",
            """Hello {given_name} {family_name},

on {date} we talked with you about your work at {place}. With this letter we confirm that conversation.

We will keep supporting you so that your work goes well. Do you have problems at work, for example with the language, the working hours or childcare? Then please contact us.

Phone: {caseworker_phone}
E-mail: {caseworker_email}

Kind regards
{caseworker}""",
        ),
    },
    "ar": {
        "invitation": (
            "دعوة إلى موعد بتاريخ {date}",
            """مرحبًا {given_name} {family_name}،

ندعوكم إلى لقاء للاستشارة لدينا.

التاريخ: {date}
الساعة: {time}
المكان: {place}

يُرجى إحضار هذه الرسالة وبطاقة الهوية أو جواز السفر.

إذا لم تتمكنوا من الحضور، يُرجى إبلاغنا مسبقًا: الهاتف {caseworker_phone}، البريد الإلكتروني {caseworker_email}.

{interpreter}

مع أطيب التحيات
{caseworker}""",
        ),
        "reminder": (
            "تذكير بموعدكم بتاريخ {date}",
            """مرحبًا {given_name} {family_name}،

نذكّركم بموعدكم لدينا.

التاريخ: {date}
الساعة: {time}
المكان: {place}

يُرجى الحضور في الوقت المحدد وإحضار بطاقة الهوية أو جواز السفر.

إذا لم تتمكنوا من الحضور، يُرجى إبلاغنا مسبقًا: الهاتف {caseworker_phone}، البريد الإلكتروني {caseworker_email}.

مع أطيب التحيات
{caseworker}""",
        ),
        "plan": (
            "خطتكم بتاريخ {date}",
            """مرحبًا {given_name} {family_name}،

بتاريخ {date} ناقشنا معًا خطتكم. تجدون هنا ما اتفقنا عليه: هدفكم، والخطوات، ومن يقوم بماذا، وحتى متى.

{goals}

سنتحدث عن الخطة بانتظام. إذا تغيّر شيء، يُرجى إخبارنا، وعندها نعدّل الخطة معًا.

هل لديكم أسئلة؟ اتصلوا بنا: {caseworker_phone}.

مع أطيب التحيات
{caseworker}""",
        ),
        "course-referral": (
            "مقعدكم في دورة اللغة الألمانية",
            """مرحبًا {given_name} {family_name}،

يوجد لكم مقعد في دورة للغة الألمانية:

الدورة: {course}
البداية: {date}
المكان: {place}

يُرجى التسجيل لدى الجهة المنظمة للدورة، مع إحضار هذه الرسالة وبطاقة الهوية أو جواز السفر.

اللغة الألمانية مهمة للعمل والتدريب المهني والحياة اليومية. يُرجى حضور الدورة بانتظام. إذا لم تتمكنوا من الحضور، يُرجى إبلاغ الجهة المنظمة للدورة.

هل لديكم أسئلة؟ اتصلوا بنا: {caseworker_phone}.

مع أطيب التحيات
{caseworker}""",
        ),
        "documents-request": (
            "يُرجى تقديم مستندات",
            """مرحبًا {given_name} {family_name}،

نحتاج من أجل الاستشارة إلى المستندات التالية:

{documents}

يُرجى إحضار المستندات إلينا أو إرسال نسخة منها حتى تاريخ {date}، مع ذكر رقم ملفكم: {reference}.

إذا لم يكن لديكم أحد المستندات أو كنتم بحاجة إلى وقت أطول، يُرجى التحدث معنا: {caseworker_phone}.

مع أطيب التحيات
{caseworker}""",
        ),
        "follow-up": (
            "تأكيد محادثتنا بتاريخ {date}",
            """مرحبًا {given_name} {family_name}،

بتاريخ {date} تحدثنا معكم عن عملكم لدى {place}. نؤكد بهذه الرسالة هذه المحادثة.

سنواصل مرافقتكم لكي يسير عملكم بشكل جيد. إذا واجهتم مشكلات في العمل، مثلًا في اللغة أو أوقات العمل أو رعاية الأطفال، يُرجى التواصل معنا.

الهاتف: {caseworker_phone}
البريد الإلكتروني: {caseworker_email}

مع أطيب التحيات
{caseworker}""",
        ),
    },
    "prs": {
        "invitation": (
            "دعوت به یک ملاقات در تاریخ {date}",
            """سلام {given_name} {family_name}،

ما شما را به یک گفتگو نزد خود دعوت می‌کنیم.

تاریخ: {date}
ساعت: {time}
جای ملاقات: {place}

لطفاً این نامه و تذکره یا پاسپورت خود را با خود بیاورید.

اگر نمی‌توانید بیایید، لطفاً پیش از وقت به ما خبر دهید: تلفون {caseworker_phone}، ایمیل {caseworker_email}.

{interpreter}

با احترام
{caseworker}""",
        ),
        "reminder": (
            "یادآوری ملاقات شما در تاریخ {date}",
            """سلام {given_name} {family_name}،

ملاقات شما را نزد ما به یاد شما می‌آوریم.

تاریخ: {date}
ساعت: {time}
جای ملاقات: {place}

لطفاً سر وقت بیایید و تذکره یا پاسپورت خود را با خود بیاورید.

اگر نمی‌توانید بیایید، لطفاً پیش از وقت به ما خبر دهید: تلفون {caseworker_phone}، ایمیل {caseworker_email}.

با احترام
{caseworker}""",
        ),
        "plan": (
            "پلان شما از تاریخ {date}",
            """سلام {given_name} {family_name}،

در تاریخ {date} ما با هم دربارهٔ پلان شما گفتگو کردیم. در اینجا نوشته شده که بر چه چیزی توافق کردیم: هدف شما، قدم‌ها، چه کسی چه کاری می‌کند و تا چه وقت.

{goals}

ما به طور منظم دربارهٔ پلان صحبت می‌کنیم. اگر چیزی تغییر کند، لطفاً به ما بگویید. بعد پلان را با هم تنظیم می‌کنیم.

سوال دارید؟ به ما تلفون کنید: {caseworker_phone}.

با احترام
{caseworker}""",
        ),
        "course-referral": (
            "جای شما در کورس زبان آلمانی",
            """سلام {given_name} {family_name}،

برای شما در یک کورس زبان آلمانی جای هست:

کورس: {course}
شروع: {date}
جای کورس: {place}

لطفاً نزد مؤسسهٔ کورس ثبت نام کنید. این نامه و تذکره یا پاسپورت خود را با خود ببرید.

زبان آلمانی برای کار، آموزش مسلکی و زندگی روزمره مهم است. لطفاً به طور منظم به کورس بروید. اگر نمی‌توانید بروید، لطفاً به مؤسسهٔ کورس خبر دهید.

سوال دارید؟ به ما تلفون کنید: {caseworker_phone}.

با احترام
{caseworker}""",
        ),
        "documents-request": (
            "لطفاً اسناد خود را بسپارید",
            """سلام {given_name} {family_name}،

برای مشورهٔ شما به این اسناد ضرورت داریم:

{documents}

لطفاً اسناد را تا تاریخ {date} نزد ما بیاورید یا یک کاپی آن را برای ما بفرستید. لطفاً شمارهٔ دوسیهٔ خود را هم بنویسید: {reference}.

یکی از اسناد را ندارید؟ یا به وقت بیشتر ضرورت دارید؟ پس لطفاً با ما صحبت کنید: {caseworker_phone}.

با احترام
{caseworker}""",
        ),
        "follow-up": (
            "تأیید گفتگوی ما در تاریخ {date}",
            """سلام {given_name} {family_name}،

در تاریخ {date} ما با شما دربارهٔ کار شما در {place} صحبت کردیم. با این نامه این گفتگو را تأیید می‌کنیم.

ما شما را همچنان همراهی می‌کنیم تا کار شما خوب پیش برود. اگر در کار مشکل دارید، مثلاً با زبان، ساعات کار یا نگهداری اطفال، لطفاً با ما تماس بگیرید.

تلفون: {caseworker_phone}
ایمیل: {caseworker_email}

با احترام
{caseworker}""",
        ),
    },
    "ps": {
        "invitation": (
            "د {date} نېټې لپاره د ملاقات بلنه",
            """سلام {given_name} {family_name}،

موږ تاسو له موږ سره یوې خبرې اترې ته رابولو.

نېټه: {date}
وخت: {time}
ځای: {place}

مهرباني وکړئ دا لیک او خپله تذکره یا پاسپورټ له ځانه سره راوړئ.

که تاسو نشئ راتلای، مهرباني وکړئ مخکې موږ ته خبر راکړئ: ټیلفون {caseworker_phone}، برېښنالیک {caseworker_email}.

{interpreter}

په درنښت
{caseworker}""",
        ),
        "reminder": (
            "د {date} نېټې د ملاقات یادونه",
            """سلام {given_name} {family_name}،

موږ تاسو ته له موږ سره ستاسو د ملاقات یادونه کوو.

نېټه: {date}
وخت: {time}
ځای: {place}

مهرباني وکړئ په خپل وخت راشئ او خپله تذکره یا پاسپورټ له ځانه سره راوړئ.

که تاسو نشئ راتلای، مهرباني وکړئ مخکې موږ ته خبر راکړئ: ټیلفون {caseworker_phone}، برېښنالیک {caseworker_email}.

په درنښت
{caseworker}""",
        ),
        "plan": (
            "ستاسو پلان، د {date} نېټې",
            """سلام {given_name} {family_name}،

د {date} په نېټه موږ په ګډه ستاسو پلان وڅېړه. دلته هغه څه لیکل شوي چې موږ پرې هوکړه کړې ده: ستاسو موخه، ګامونه، څوک څه کوي او تر کومې نېټې پورې.

{goals}

موږ به په منظم ډول د پلان په اړه خبرې کوو. که کوم څه بدل شي، مهرباني وکړئ موږ ته ووایاست. بیا به پلان په ګډه سم کړو.

پوښتنې لرئ؟ موږ ته ټیلفون وکړئ: {caseworker_phone}.

په درنښت
{caseworker}""",
        ),
        "course-referral": (
            "د الماني ژبې په کورس کې ستاسو ځای",
            """سلام {given_name} {family_name}،

ستاسو لپاره د الماني ژبې په یوه کورس کې ځای شته:

کورس: {course}
پیل: {date}
ځای: {place}

مهرباني وکړئ د کورس په اداره کې نوم ولیکئ. دا لیک او خپله تذکره یا پاسپورټ له ځانه سره یوسئ.

الماني ژبه د کار، مسلکي زده کړې او ورځني ژوند لپاره مهمه ده. مهرباني وکړئ په منظم ډول کورس ته ولاړ شئ. که نشئ تلای، د کورس ادارې ته خبر ورکړئ.

پوښتنې لرئ؟ موږ ته ټیلفون وکړئ: {caseworker_phone}.

په درنښت
{caseworker}""",
        ),
        "documents-request": (
            "مهرباني وکړئ اسناد راوسپارئ",
            """سلام {given_name} {family_name}،

ستاسو د مشورې لپاره موږ دې اسنادو ته اړتیا لرو:

{documents}

مهرباني وکړئ دا اسناد د {date} نېټې پورې موږ ته راوړئ یا یې یوه کاپي راولېږئ. خپله د دوسیې شمېره هم ورسره ولیکئ: {reference}.

که کوم سند نه لرئ یا نور وخت ته اړتیا لرئ، مهرباني وکړئ له موږ سره خبرې وکړئ: {caseworker_phone}.

په درنښت
{caseworker}""",
        ),
        "follow-up": (
            "د {date} نېټې زموږ د خبرو تایید",
            """سلام {given_name} {family_name}،

د {date} په نېټه موږ له تاسو سره په {place} کې ستاسو د کار په اړه خبرې وکړې. په دې لیک سره دا خبرې تاییدوو.

موږ به ستاسو ملاتړ ته دوام ورکړو، څو ستاسو کار ښه پرمخ ولاړ شي. که په کار کې ستونزې لرئ، د بېلګې په توګه د ژبې، د کار د وخت یا د ماشومانو د پاملرنې په اړه، مهرباني وکړئ له موږ سره اړیکه ونیسئ.

ټیلفون: {caseworker_phone}
برېښنالیک: {caseworker_email}

په درنښت
{caseworker}""",
        ),
    },
    "uk": {
        "invitation": (
            "Запрошення на зустріч {date}",
            """Добрий день, {given_name} {family_name}!

Запрошуємо вас на розмову до нас.

Дата: {date}
Час: {time}
Місце: {place}

Будь ласка, візьміть із собою цей лист і посвідчення особи або паспорт.

Ви не можете прийти? Тоді, будь ласка, повідомте нас заздалегідь: телефон {caseworker_phone}, електронна пошта {caseworker_email}.

{interpreter}

З повагою
{caseworker}""",
        ),
        "reminder": (
            "Нагадування про вашу зустріч {date}",
            """Добрий день, {given_name} {family_name}!

Нагадуємо вам про зустріч у нас.

Дата: {date}
Час: {time}
Місце: {place}

Будь ласка, приходьте вчасно і візьміть із собою посвідчення особи або паспорт.

Ви не можете прийти? Тоді, будь ласка, повідомте нас заздалегідь: телефон {caseworker_phone}, електронна пошта {caseworker_email}.

З повагою
{caseworker}""",
        ),
        "plan": (
            "Ваш план від {date}",
            """Добрий день, {given_name} {family_name}!

Дата розмови: {date}. Того дня ми разом обговорили ваш план. Тут записано, про що ми домовилися: ваша мета, кроки, хто що робить і до якого строку.

{goals}

Ми регулярно говоритимемо про план. Якщо щось зміниться, будь ласка, скажіть нам. Тоді ми разом змінимо план.

Маєте запитання? Зателефонуйте нам: {caseworker_phone}.

З повагою
{caseworker}""",
        ),
        "course-referral": (
            "Ваше місце на курсі німецької мови",
            """Добрий день, {given_name} {family_name}!

Для вас є місце на курсі німецької мови:

Курс: {course}
Початок: {date}
Місце: {place}

Будь ласка, зареєструйтеся в організації, що проводить курс. Візьміть із собою цей лист і посвідчення особи або паспорт.

Німецька мова важлива для роботи, професійного навчання та повсякденного життя. Будь ласка, відвідуйте курс регулярно. Якщо ви не можете прийти, повідомте про це організацію, що проводить курс.

Маєте запитання? Зателефонуйте нам: {caseworker_phone}.

З повагою
{caseworker}""",
        ),
        "documents-request": (
            "Будь ласка, подайте документи",
            """Добрий день, {given_name} {family_name}!

Для вашої консультації нам ще потрібні такі документи:

{documents}

Будь ласка, принесіть документи до {date} або надішліть нам їхню копію. Зазначте, будь ласка, номер вашої справи: {reference}.

У вас немає якогось документа? Або вам потрібно більше часу? Тоді, будь ласка, поговоріть з нами: {caseworker_phone}.

З повагою
{caseworker}""",
        ),
        "follow-up": (
            "Підтвердження нашої розмови {date}",
            """Добрий день, {given_name} {family_name}!

Дата розмови: {date}. Того дня ми говорили з вами про вашу роботу в {place}. Цим листом ми підтверджуємо цю розмову.

Ми й надалі підтримуватимемо вас, щоб ваша робота йшла добре. У вас є труднощі на роботі, наприклад із мовою, робочим часом або доглядом за дітьми? Тоді, будь ласка, зверніться до нас.

Телефон: {caseworker_phone}
Електронна пошта: {caseworker_email}

З повагою
{caseworker}""",
        ),
    },
    "ru": {
        "invitation": (
            "Приглашение на встречу {date}",
            """Здравствуйте, {given_name} {family_name}!

Приглашаем вас на беседу к нам.

Дата: {date}
Время: {time}
Место: {place}

Пожалуйста, возьмите с собой это письмо и удостоверение личности или паспорт.

Вы не можете прийти? Тогда, пожалуйста, сообщите нам заранее: телефон {caseworker_phone}, электронная почта {caseworker_email}.

{interpreter}

С уважением
{caseworker}""",
        ),
        "reminder": (
            "Напоминание о вашей встрече {date}",
            """Здравствуйте, {given_name} {family_name}!

Напоминаем вам о встрече у нас.

Дата: {date}
Время: {time}
Место: {place}

Пожалуйста, приходите вовремя и возьмите с собой удостоверение личности или паспорт.

Вы не можете прийти? Тогда, пожалуйста, сообщите нам заранее: телефон {caseworker_phone}, электронная почта {caseworker_email}.

С уважением
{caseworker}""",
        ),
        "plan": (
            "Ваш план от {date}",
            """Здравствуйте, {given_name} {family_name}!

Дата беседы: {date}. В этот день мы вместе обсудили ваш план. Здесь записано, о чём мы договорились: ваша цель, шаги, кто что делает и до какого срока.

{goals}

Мы будем регулярно говорить о плане. Если что-то изменится, пожалуйста, скажите нам. Тогда мы вместе изменим план.

Есть вопросы? Позвоните нам: {caseworker_phone}.

С уважением
{caseworker}""",
        ),
        "course-referral": (
            "Ваше место на курсе немецкого языка",
            """Здравствуйте, {given_name} {family_name}!

Для вас есть место на курсе немецкого языка:

Курс: {course}
Начало: {date}
Место: {place}

Пожалуйста, запишитесь в организации, которая проводит курс. Возьмите с собой это письмо и удостоверение личности или паспорт.

Немецкий язык важен для работы, профессионального обучения и повседневной жизни. Пожалуйста, посещайте курс регулярно. Если вы не можете прийти, сообщите об этом организации, которая проводит курс.

Есть вопросы? Позвоните нам: {caseworker_phone}.

С уважением
{caseworker}""",
        ),
        "documents-request": (
            "Пожалуйста, предоставьте документы",
            """Здравствуйте, {given_name} {family_name}!

Для вашей консультации нам ещё нужны следующие документы:

{documents}

Пожалуйста, принесите документы до {date} или пришлите нам их копию. Укажите, пожалуйста, номер вашего дела: {reference}.

У вас нет какого-то документа? Или вам нужно больше времени? Тогда, пожалуйста, поговорите с нами: {caseworker_phone}.

С уважением
{caseworker}""",
        ),
        "follow-up": (
            "Подтверждение нашего разговора {date}",
            """Здравствуйте, {given_name} {family_name}!

Дата разговора: {date}. В этот день мы говорили с вами о вашей работе в {place}. Этим письмом мы подтверждаем этот разговор.

Мы и дальше будем поддерживать вас, чтобы ваша работа шла хорошо. У вас есть трудности на работе, например с языком, рабочим временем или уходом за детьми? Тогда, пожалуйста, обратитесь к нам.

Телефон: {caseworker_phone}
Электронная почта: {caseworker_email}

С уважением
{caseworker}""",
        ),
    },
    "ti": {
        "invitation": (
            "ዕድመ ናብ ቆጸራ፡ ዕለት {date}",
            """ሰላም {given_name} {family_name}፣

ናብ ዘተ ምሳና ንዕድመኩም ኣለና።

ዕለት: {date}
ሰዓት: {time}
ቦታ: {place}

በጃኹም እዛ ደብዳበን መንነት ወረቐትኩም ወይ ፓስፖርትኩምን ሒዝኩም ምጹ።

ክትመጹ እንተዘይክኢልኩም፡ በጃኹም ኣቐዲምኩም ሓብሩና፦ ተሌፎን {caseworker_phone}፣ ኢመይል {caseworker_email}።

{interpreter}

ምስ ሰላምታ
{caseworker}""",
        ),
        "reminder": (
            "መዘኻኸሪ ቆጸራኹም፡ ዕለት {date}",
            """ሰላም {given_name} {family_name}፣

ምሳና ዘለኩም ቆጸራ ከነዘኻኽረኩም ንደሊ።

ዕለት: {date}
ሰዓት: {time}
ቦታ: {place}

በጃኹም ብሰዓቱ ምጹ፣ መንነት ወረቐትኩም ወይ ፓስፖርትኩም ሒዝኩም ምጹ።

ክትመጹ እንተዘይክኢልኩም፡ በጃኹም ኣቐዲምኩም ሓብሩና፦ ተሌፎን {caseworker_phone}፣ ኢመይል {caseworker_email}።

ምስ ሰላምታ
{caseworker}""",
        ),
        "plan": (
            "መደብኩም፡ ዕለት {date}",
            """ሰላም {given_name} {family_name}፣

ብዕለት {date} ብሓባር ብዛዕባ መደብኩም ተዘራሪብና። ኣብዚ ዝተሰማማዕናሉ ተጻሒፉ ኣሎ፦ ዕላማኹም፣ እቶም ስጉምትታት፣ መን እንታይ ከም ዝገብርን ክሳብ መዓስን።

{goals}

ብዛዕባ እቲ መደብ ብስሩዕ ክንዘራረብ ኢና። ገለ ነገር እንተተቐየረ፡ በጃኹም ንገሩና። ሽዑ ነቲ መደብ ብሓባር ነመሓይሾ።

ሕቶ ኣሎኩም ድዩ? ደውሉልና፦ {caseworker_phone}።

ምስ ሰላምታ
{caseworker}""",
        ),
        "course-referral": (
            "ቦታኹም ኣብ ኮርስ ቋንቋ ጀርመን",
            """ሰላም {given_name} {family_name}፣

ኣብ ሓደ ኮርስ ቋንቋ ጀርመን ቦታ ተረኺቡልኩም ኣሎ፦

ኮርስ: {course}
መጀመርታ: {date}
ቦታ: {place}

በጃኹም ኣብቲ ኮርስ ዘካይድ ትካል ተመዝገቡ። እዛ ደብዳበን መንነት ወረቐትኩም ወይ ፓስፖርትኩምን ሒዝኩም ኪዱ።

ቋንቋ ጀርመን ንስራሕ፣ ንሞያዊ ስልጠናን ንዕለታዊ ህይወትን ኣገዳሲ እዩ። በጃኹም ብስሩዕ ናብቲ ኮርስ ኪዱ። ክትከዱ እንተዘይክኢልኩም፡ ነቲ ትካል ሓብሩ።

ሕቶ ኣሎኩም ድዩ? ደውሉልና፦ {caseworker_phone}።

ምስ ሰላምታ
{caseworker}""",
        ),
        "documents-request": (
            "በጃኹም ሰነዳት ኣቕርቡ",
            """ሰላም {given_name} {family_name}፣

ንምኽሪ እዞም ዝስዕቡ ሰነዳት የድልዩና፦

{documents}

በጃኹም ክሳብ {date} ነቶም ሰነዳት ናባና ኣምጽእዎም ወይ ቅዳሕ ስደዱልና። ቁጽሪ ፋይልኩም ጸሓፉ፦ {reference}።

ሓደ ካብቶም ሰነዳት እንተዘይብልኩም ወይ ተወሳኺ ግዜ እንተድኣ ኣድልዩኩም፡ በጃኹም ተዘራረቡና፦ {caseworker_phone}።

ምስ ሰላምታ
{caseworker}""",
        ),
        "follow-up": (
            "ምርግጋጽ ዘተና፡ ዕለት {date}",
            """ሰላም {given_name} {family_name}፣

ብዕለት {date} ብዛዕባ ኣብ {place} ዘለኩም ስራሕ ምሳኹም ተዘራሪብና። ብእዛ ደብዳበ ነቲ ዘተ ነረጋግጽ።

ስራሕኩም ጽቡቕ ክኸይድ ምሳኹም ክንቅጽል ኢና። ኣብ ስራሕ ጸገም እንተሃልዩኩም፡ ንኣብነት ብዛዕባ ቋንቋ፣ ሰዓታት ስራሕ ወይ ክንክን ቆልዑ፡ በጃኹም ርኸቡና።

ተሌፎን: {caseworker_phone}
ኢመይል: {caseworker_email}

ምስ ሰላምታ
{caseworker}""",
        ),
    },
    "tr": {
        "invitation": (
            "Randevu daveti: {date}",
            """Merhaba {given_name} {family_name},

sizi bizde bir görüşmeye davet ediyoruz.

Tarih: {date}
Saat: {time}
Yer: {place}

Lütfen bu mektubu ve kimlik kartınızı veya pasaportunuzu yanınızda getirin.

Gelemiyor musunuz? O zaman lütfen önceden bize haber verin: telefon {caseworker_phone}, e-posta {caseworker_email}.

{interpreter}

Saygılarımızla
{caseworker}""",
        ),
        "reminder": (
            "Randevu hatırlatması: {date}",
            """Merhaba {given_name} {family_name},

size bizdeki randevunuzu hatırlatmak istiyoruz.

Tarih: {date}
Saat: {time}
Yer: {place}

Lütfen zamanında gelin ve kimlik kartınızı veya pasaportunuzu yanınızda getirin.

Gelemiyor musunuz? O zaman lütfen önceden bize haber verin: telefon {caseworker_phone}, e-posta {caseworker_email}.

Saygılarımızla
{caseworker}""",
        ),
        "plan": (
            "Planınız, tarih: {date}",
            """Merhaba {given_name} {family_name},

planınızı birlikte konuştuk (tarih: {date}). Burada neler üzerinde anlaştığımız yazıyor: hedefiniz, adımlar, kimin ne yapacağı ve ne zamana kadar.

{goals}

Plan hakkında düzenli olarak konuşacağız. Bir şey değişirse lütfen bize söyleyin. O zaman planı birlikte uyarlarız.

Sorularınız mı var? Bizi arayın: {caseworker_phone}.

Saygılarımızla
{caseworker}""",
        ),
        "course-referral": (
            "Almanca kursundaki yeriniz",
            """Merhaba {given_name} {family_name},

sizin için bir Almanca kursunda yer var:

Kurs: {course}
Başlangıç: {date}
Yer: {place}

Lütfen kursu düzenleyen kuruma kaydolun. Bu mektubu ve kimlik kartınızı veya pasaportunuzu yanınızda götürün.

Almanca; iş, meslek eğitimi ve günlük yaşam için önemlidir. Lütfen kursa düzenli olarak gidin. Gidemezseniz lütfen kursu düzenleyen kuruma haber verin.

Sorularınız mı var? Bizi arayın: {caseworker_phone}.

Saygılarımızla
{caseworker}""",
        ),
        "documents-request": (
            "Lütfen belgelerinizi teslim edin",
            """Merhaba {given_name} {family_name},

danışmanlığınız için şu belgelere daha ihtiyacımız var:

{documents}

Lütfen belgeleri en geç şu tarihe kadar bize getirin veya bir kopyasını gönderin: {date}. Lütfen dosya numaranızı da yazın: {reference}.

Belgelerden biri sizde yok mu? Ya da daha fazla zamana mı ihtiyacınız var? O zaman lütfen bizimle konuşun: {caseworker_phone}.

Saygılarımızla
{caseworker}""",
        ),
        "follow-up": (
            "Görüşmemizin teyidi, tarih: {date}",
            """Merhaba {given_name} {family_name},

sizinle işiniz hakkında konuştuk (tarih: {date}, işyeri: {place}). Bu mektupla bu görüşmeyi teyit ediyoruz.

İşinizin iyi gitmesi için size destek olmaya devam ediyoruz. İşte sorunlarınız var mı, örneğin dil, çalışma saatleri veya çocuk bakımı konusunda? O zaman lütfen bizimle iletişime geçin.

Telefon: {caseworker_phone}
E-posta: {caseworker_email}

Saygılarımızla
{caseworker}""",
        ),
    },
    "kmr": {
        "invitation": (
            "Vexwendin ji bo hevdîtinekê: {date}",
            """Silav {given_name} {family_name},

em we ji bo axaftinekê li cem xwe vedixwînin.

Dîrok: {date}
Dem: {time}
Cih: {place}

Ji kerema xwe vê nameyê û nasnameya xwe an pasaporta xwe bi xwe re bînin.

Hûn nikarin werin? Wê demê ji kerema xwe berê me agahdar bikin: telefon {caseworker_phone}, e-name {caseworker_email}.

{interpreter}

Bi silav û rêz
{caseworker}""",
        ),
        "reminder": (
            "Bîranîna hevdîtina we: {date}",
            """Silav {given_name} {family_name},

em hevdîtina we ya li cem me tînin bîra we.

Dîrok: {date}
Dem: {time}
Cih: {place}

Ji kerema xwe di wextê xwe de werin û nasnameya xwe an pasaporta xwe bi xwe re bînin.

Hûn nikarin werin? Wê demê ji kerema xwe berê me agahdar bikin: telefon {caseworker_phone}, e-name {caseworker_email}.

Bi silav û rêz
{caseworker}""",
        ),
        "plan": (
            "Plana we, dîrok: {date}",
            """Silav {given_name} {family_name},

me bi hev re li ser plana we axivî (dîrok: {date}). Li vir tiştên ku me li ser li hev kirine hatine nivîsandin: armanca we, gav, kî çi dike û heta kengê.

{goals}

Em ê bi rêkûpêk li ser planê biaxivin. Heke tiştek biguhere, ji kerema xwe ji me re bêjin. Wê demê em ê planê bi hev re biguherînin.

Pirsên we hene? Telefonî me bikin: {caseworker_phone}.

Bi silav û rêz
{caseworker}""",
        ),
        "course-referral": (
            "Cihê we di qursa almanî de",
            """Silav {given_name} {family_name},

ji bo we di qursek zimanê almanî de cih heye:

Qurs: {course}
Destpêk: {date}
Cih: {place}

Ji kerema xwe xwe li cem saziya qursê qeyd bikin. Vê nameyê û nasnameya xwe an pasaporta xwe bi xwe re bibin.

Zimanê almanî ji bo kar, perwerdeya pîşeyî û jiyana rojane girîng e. Ji kerema xwe bi rêkûpêk biçin qursê. Heke hûn nikaribin biçin, ji kerema xwe saziya qursê agahdar bikin.

Pirsên we hene? Telefonî me bikin: {caseworker_phone}.

Bi silav û rêz
{caseworker}""",
        ),
        "documents-request": (
            "Ji kerema xwe belgeyan bidin",
            """Silav {given_name} {family_name},

ji bo şêwirmendiya we em hîn hewcedarî van belgeyan in:

{documents}

Ji kerema xwe belgeyan heta vê dîrokê ji me re bînin an kopiyekê ji me re bişînin: {date}. Ji kerema xwe hejmara dosyaya xwe jî binivîsin: {reference}.

Belgeyek li cem we tune ye? An hûn hewcedarî demeke zêdetir in? Wê demê ji kerema xwe bi me re biaxivin: {caseworker_phone}.

Bi silav û rêz
{caseworker}""",
        ),
        "follow-up": (
            "Piştrastkirina axaftina me, dîrok: {date}",
            """Silav {given_name} {family_name},

me bi we re li ser karê we axivî (dîrok: {date}, cihê kar: {place}). Bi vê nameyê em vê axaftinê piştrast dikin.

Em ê berdewam piştgiriya we bikin da ku karê we baş biçe. Di kar de pirsgirêkên we hene, wek mînak bi ziman, demjimêrên kar an lênihêrîna zarokan? Wê demê ji kerema xwe bi me re têkilî daynin.

Telefon: {caseworker_phone}
E-name: {caseworker_email}

Bi silav û rêz
{caseworker}""",
        ),
    },
}


def load_reference_texts(letter_text_model: Any) -> int:
    """Creates the texts that do not exist yet, as drafts; returns how many were created.
    Works with the real model and with the historical model of a data migration."""
    existing = set(letter_text_model.objects.values_list("kind", "language"))
    new = [
        letter_text_model(kind=kind, language=language, subject=subject, body=body, state="draft")
        for language, kinds in TEXTS.items()
        for kind, (subject, body) in kinds.items()
        if (kind, language) not in existing
    ]
    letter_text_model.objects.bulk_create(new)
    return len(new)
