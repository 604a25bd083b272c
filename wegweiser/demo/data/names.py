# ruff: noqa: RUF001, RUF003 - letters of other scripts are intended, not look-alikes.
"""Name lists for synthetic people, in the original script with the Latin spellings in use.

Each entry is the name as written in its script and the Latin spellings German documents
show for it: the first is the most common document spelling, the others are what passports,
residence permits and other authorities also produce. Combinations are random, so no entry
and no combination describes a real person.
"""

from __future__ import annotations

from typing import NamedTuple


class Name(NamedTuple):
    original: str
    latin: tuple[str, ...]


def _n(original: str, *latin: str) -> Name:
    return Name(original, latin)


# Syria and Iraq: Arabic script. Syrian passports often follow French spelling (Mohamad,
# Chadi), German authorities add their own (Chaled, Dschamal), the machine-readable zone
# drops hyphens (AL HASSAN, ALHASSAN).
ARABIC_MALE: tuple[Name, ...] = (
    _n("محمد", "Mohammad", "Mohammed", "Muhammad", "Mohamad", "Mohamed", "Muhammed"),
    _n("أحمد", "Ahmad", "Ahmed"),
    _n("محمود", "Mahmoud", "Mahmud", "Mahmood"),
    _n("علي", "Ali"),
    _n("حسن", "Hassan", "Hasan"),
    _n("حسين", "Hussein", "Hussain", "Husain", "Houssein"),
    _n("خالد", "Khaled", "Khalid", "Chaled"),
    _n("عمر", "Omar", "Umar"),
    _n("يوسف", "Yousef", "Youssef", "Yusuf", "Jussuf"),
    _n("إبراهيم", "Ibrahim", "Ebrahim", "Ibraheem"),
    _n("عبد الله", "Abdullah", "Abdallah", "Abd al-Allah", "Abdulla"),
    _n("عبد الرحمن", "Abdulrahman", "Abd al-Rahman", "Abdul Rahman", "Abdelrahman"),
    _n("عبد الكريم", "Abdulkarim", "Abd al-Karim", "Abdul Karim", "Abdelkarim"),
    _n("عبد العزيز", "Abdulaziz", "Abd al-Aziz", "Abdelaziz", "Abdul Aziz"),
    _n("عبد الرزاق", "Abdulrazzak", "Abd al-Razzaq", "Abdelrazak"),
    _n("مصطفى", "Mustafa", "Moustafa", "Mostafa"),
    _n("سامر", "Samer"),
    _n("باسل", "Basel", "Basil"),
    _n("فراس", "Firas", "Feras"),
    _n("رامي", "Rami"),
    _n("وليد", "Walid", "Waleed"),
    _n("طارق", "Tarek", "Tariq", "Tareq"),
    _n("زياد", "Ziad", "Ziyad"),
    _n("عمار", "Ammar"),
    _n("حمزة", "Hamza", "Hamzah"),
    _n("بلال", "Bilal", "Belal"),
    _n("جمال", "Jamal", "Gamal", "Dschamal"),
    _n("كريم", "Karim", "Kareem"),
    _n("ماهر", "Maher"),
    _n("نبيل", "Nabil", "Nabeel"),
    _n("هيثم", "Haitham", "Haytham"),
    _n("أيمن", "Ayman", "Aiman"),
    _n("سليمان", "Suleiman", "Sulaiman", "Sleiman"),
    _n("عيسى", "Issa", "Isa"),
    _n("فادي", "Fadi"),
    _n("مازن", "Mazen"),
    _n("شادي", "Shadi", "Chadi"),
    _n("قاسم", "Kassem", "Qasim", "Kasem"),
    _n("آزاد", "Azad"),
    _n("جوان", "Jwan", "Ciwan"),
    _n("خضر", "Khidir", "Khider", "Khudhur"),
    _n("حيدر", "Haidar", "Haider", "Hayder"),
    _n("عباس", "Abbas"),
    _n("نور الدين", "Nureddin", "Nour al-Din", "Nouraldin"),
)

ARABIC_FEMALE: tuple[Name, ...] = (
    _n("فاطمة", "Fatima", "Fatma", "Fatmeh"),
    _n("مريم", "Mariam", "Maryam", "Meryem"),
    _n("عائشة", "Aisha", "Aysha", "Aischa"),
    _n("زينب", "Zainab", "Zeinab", "Zaynab"),
    _n("نور", "Nour", "Noor", "Nur"),
    _n("هبة", "Heba", "Hiba"),
    _n("رنا", "Rana"),
    _n("رشا", "Rasha", "Racha"),
    _n("سارة", "Sara", "Sarah"),
    _n("لينا", "Lina"),
    _n("ريم", "Reem", "Rim"),
    _n("ياسمين", "Yasmin", "Jasmin", "Yasmine"),
    _n("آية", "Aya", "Ayah"),
    _n("دعاء", "Doaa", "Duaa", "Doa"),
    _n("أسماء", "Asmaa", "Asma"),
    _n("خديجة", "Khadija", "Khadidja", "Chadija"),
    _n("هدى", "Huda", "Hoda"),
    _n("سلمى", "Salma"),
    _n("ولاء", "Walaa"),
    _n("نسرين", "Nesrin", "Nisreen", "Nasrin"),
    _n("رهف", "Rahaf"),
    _n("لمى", "Lama"),
    _n("شهد", "Shahad"),
    _n("غادة", "Ghada"),
    _n("منى", "Mona", "Muna"),
    _n("سوسن", "Sawsan", "Sausan"),
    _n("أمل", "Amal"),
    _n("شيرين", "Shirin", "Sherin", "Schirin"),
    _n("روجين", "Rojin", "Rojeen"),
    _n("بشرى", "Bushra", "Boushra"),
)

_AL = "ال"


def _al(stem_arabic: str, *stems: str) -> Name:
    """A family name with the article: الحسن → Al-Hassan, Alhassan, El-Hassan, Al Hassan."""
    first = stems[0]
    latin = [f"Al-{first}", f"Al{first.lower()}", f"El-{first}", f"Al {first}"]
    latin += [f"Al-{s}" for s in stems[1:]]
    return Name(_AL + stem_arabic, tuple(latin))


SYRIAN_FAMILY: tuple[Name, ...] = (
    _al("حسن", "Hassan", "Hasan"),
    _al("أحمد", "Ahmad", "Ahmed"),
    _al("علي", "Ali"),
    _al("خطيب", "Khatib", "Chatib"),
    _al("محمد", "Mohammad", "Mohamad"),
    _al("حلبي", "Halabi"),
    _al("حموي", "Hamwi", "Hamawi"),
    _al("حمصي", "Homsi", "Homsy"),
    _al("عمر", "Omar"),
    _al("حسين", "Hussein", "Hussain"),
    _al("كردي", "Kurdi"),
    _n("الشامي", "Al-Shami", "Alshami", "Ash-Shami", "El-Chami"),
    _n("السيد", "Al-Sayed", "Alsayed", "El-Sayed", "As-Sayyid"),
    _n("الزعبي", "Al-Zoubi", "Alzoubi", "Az-Zoubi", "Al-Zubi"),
    _n("الرفاعي", "Al-Rifai", "Alrifai", "Ar-Rifai"),
    _n("حداد", "Haddad"),
    _n("خوري", "Khoury", "Khouri", "Choury"),
    _n("عثمان", "Othman", "Osman", "Uthman"),
    _n("إبراهيم", "Ibrahim"),
    _n("حسين", "Hussein", "Hussain", "Husein"),
    _n("شيخو", "Sheikho", "Scheicho", "Shekho"),
    _n("حمو", "Hammo", "Hamo"),
    _n("قاسم", "Kassem", "Qasim"),
    _n("نصر", "Nasr", "Nassr"),
    _n("درويش", "Darwish", "Darwisch"),
    _n("سليمان", "Suleiman", "Sleiman"),
    _n("يوسف", "Youssef", "Yousef"),
    _n("مصطفى", "Mustafa", "Moustafa"),
    _n("زيدان", "Zaidan", "Zeidan"),
    _n("حمدان", "Hamdan"),
    _n("بكر", "Bakr", "Bakir"),
    _n("عبد الرحمن", "Abdulrahman", "Abd al-Rahman", "Abdul Rahman"),
    _n("عبد الله", "Abdullah", "Abdallah"),
    _n("مراد", "Murad", "Mourad"),
    _n("رشيد", "Rashid", "Rachid", "Raschid"),
)

IRAQI_FAMILY: tuple[Name, ...] = (
    _n("الجبوري", "Al-Jubouri", "Aljubouri", "Al-Juburi", "El-Jbouri"),
    _n("التميمي", "Al-Tamimi", "Altamimi", "At-Tamimi"),
    _n("الدليمي", "Al-Dulaimi", "Aldulaimi", "Al-Dulaymi"),
    _n("العبيدي", "Al-Obaidi", "Alobaidi", "Al-Ubaidi"),
    _n("الربيعي", "Al-Rubaie", "Alrubaie", "Al-Rubaye"),
    _n("الموسوي", "Al-Musawi", "Almusawi", "Al-Moussawi"),
    _n("الساعدي", "Al-Saadi", "Alsaadi", "As-Saadi"),
    _n("الشمري", "Al-Shammari", "Alshammari", "Ash-Shammari"),
    _n("خلف", "Khalaf", "Chalaf"),
    _n("خضر", "Khidir", "Khider", "Khudhur"),
    _n("حسن", "Hassan", "Hasan"),
    _n("قاسم", "Qasim", "Kassem"),
    _n("إلياس", "Elias", "Ilyas"),
    _n("حجي", "Hajji", "Haji", "Hadschi"),
    _n("مراد", "Murad", "Mourad"),
    _n("عبد الكريم", "Abdulkarim", "Abd al-Karim", "Abdul Karim"),
)

# Afghanistan, Dari (Persian script with پ چ ژ گ ی ک). Many Afghans had no family name
# before arriving; authorities used a tribal name, the father's name or a chosen one.
DARI_MALE: tuple[Name, ...] = (
    _n("محمد", "Mohammad", "Mohammed", "Muhammad", "Mohamad"),
    _n("احمد", "Ahmad", "Ahmed"),
    _n("علی", "Ali"),
    _n("حسین", "Hussain", "Hussein", "Hossein", "Husain"),
    _n("حسن", "Hassan", "Hasan"),
    _n("مصطفی", "Mustafa", "Mostafa"),
    _n("عبدالله", "Abdullah", "Abdulla"),
    _n("نور", "Noor", "Nur"),
    _n("گل", "Gul"),
    _n("رحیم", "Rahim", "Raheem"),
    _n("کریم", "Karim"),
    _n("جاوید", "Jawid", "Javid", "Djawid"),
    _n("فرید", "Farid", "Fareed"),
    _n("نجیب", "Najib", "Nadjib", "Najeeb"),
    _n("ذبیح‌الله", "Zabihullah", "Zabiullah", "Sabihullah"),
    _n("عزیز", "Aziz"),
    _n("حمید", "Hamid"),
    _n("ولی", "Wali", "Vali"),
    _n("شفیق", "Shafiq", "Schafik", "Shafik"),
    _n("ابراهیم", "Ibrahim", "Ebrahim"),
    _n("اسماعیل", "Ismail", "Esmail"),
    _n("یوسف", "Yousuf", "Yusuf", "Yosuf"),
    _n("ناصر", "Naser", "Nasir", "Nasser"),
    _n("روح‌الله", "Ruhullah", "Rohullah", "Ruhollah"),
    _n("عبدالرحمن", "Abdul Rahman", "Abdurrahman", "Abdulrahman"),
    _n("عبدالقادر", "Abdul Qadir", "Abdulkadir", "Abdul Ghader"),
    _n("مرتضی", "Murtaza", "Mortaza", "Morteza"),
    _n("رضا", "Reza", "Resa"),
    _n("ذاکر", "Zakir", "Sakir"),
    _n("فواد", "Fawad", "Fuad"),
    _n("نوید", "Navid", "Nawid"),
    _n("سهراب", "Sohrab", "Suhrab"),
    _n("سید", "Sayed", "Sayad", "Seyed"),
    _n("الیاس", "Elias", "Ilyas"),
)

DARI_FEMALE: tuple[Name, ...] = (
    _n("فاطمه", "Fatima", "Fatema", "Fatemeh"),
    _n("زهرا", "Zahra", "Sahra"),
    _n("مریم", "Maryam", "Mariam"),
    _n("زینب", "Zainab", "Zeinab"),
    _n("معصومه", "Masuma", "Masoumeh", "Massoma"),
    _n("شکیلا", "Shakila", "Schakila"),
    _n("لیلا", "Laila", "Leila", "Layla"),
    _n("فرشته", "Freshta", "Fereshteh", "Fereshta"),
    _n("نرگس", "Nargis", "Narges"),
    _n("سمیرا", "Samira"),
    _n("حمیده", "Hamida", "Hamideh"),
    _n("نازیه", "Nazia", "Naziya"),
    _n("پروانه", "Parwana", "Parvaneh"),
    _n("رحیمه", "Rahima"),
    _n("شبنم", "Shabnam", "Schabnam"),
    _n("مرسل", "Mursal"),
    _n("سحر", "Sahar"),
    _n("ستاره", "Setara", "Sitara"),
    _n("مژگان", "Mozhgan", "Mojgan", "Moschgan"),
    _n("هدیه", "Hadia", "Hadiya"),
)

# Pashto adds its own letters (ګ ړ ښ څ ۍ); names of Pashto speakers are spelt with them.
PASHTO_MALE: tuple[Name, ...] = (
    _n("ګل احمد", "Gul Ahmad", "Gulahmad", "Gul Ahmed"),
    _n("خوشحال", "Khushal", "Khoshal", "Chuschal"),
    _n("ایمل", "Aimal", "Aymal", "Emal"),
    _n("میرویس", "Mirwais", "Mirwajs", "Mirwaiz"),
    _n("اجمل", "Ajmal", "Adschmal"),
    _n("زلمی", "Zalmai", "Salmai", "Zalmay"),
    _n("وحیدالله", "Wahidullah", "Wahedullah"),
    _n("سمیع‌الله", "Samiullah", "Sami Ullah"),
    _n("حبیب‌الله", "Habibullah", "Habib Ullah"),
    _n("نقیب‌الله", "Naqibullah", "Nakibullah"),
    _n("شیر محمد", "Sher Mohammad", "Shir Mohammad", "Scher Mohammad"),
    _n("ګل ولي", "Gul Wali", "Gulwali"),
)

PASHTO_FEMALE: tuple[Name, ...] = (
    _n("ګلالۍ", "Gulalai", "Gulalay", "Gulalei"),
    _n("ملالۍ", "Malalai", "Malalay"),
    _n("شینکۍ", "Shinkai", "Schinkai"),
    _n("پلوشه", "Palwasha", "Palwascha"),
    _n("زرمینه", "Zarmina", "Sarmina"),
    _n("وږمه", "Wagma", "Wazhma", "Waschma"),
    _n("نازو", "Nazo", "Naso"),
)

AFGHAN_FAMILY: tuple[Name, ...] = (
    _n("احمدی", "Ahmadi", "Ahmady"),
    _n("محمدی", "Mohammadi", "Muhammadi", "Mohamadi"),
    _n("حسینی", "Hussaini", "Hosseini", "Husseini"),
    _n("رحیمی", "Rahimi"),
    _n("کریمی", "Karimi"),
    _n("سلطانی", "Sultani", "Soltani"),
    _n("نوری", "Noori", "Nuri"),
    _n("هاشمی", "Hashimi", "Hashemi", "Haschemi"),
    _n("سادات", "Sadat"),
    _n("حیدری", "Haidari", "Heidari", "Haydari"),
    _n("جعفری", "Jafari", "Jafary", "Dschafari"),
    _n("رضایی", "Rezaei", "Rezai", "Rezaie"),
    _n("امیری", "Amiri"),
    _n("عزیزی", "Azizi"),
    _n("نظری", "Nazari"),
    _n("شریفی", "Sharifi", "Scharifi"),
    _n("قادری", "Qaderi", "Ghaderi", "Kaderi"),
    _n("حکیمی", "Hakimi"),
    _n("حبیبی", "Habibi"),
    _n("رسولی", "Rasuli", "Rasouli"),
    _n("یعقوبی", "Yaqubi", "Yakubi", "Jakubi"),
)

PASHTUN_FAMILY: tuple[Name, ...] = (
    _n("احمدزی", "Ahmadzai", "Ahmadsai"),
    _n("ستانکزی", "Stanikzai", "Stanekzai"),
    _n("پوپلزی", "Popalzai", "Popal"),
    _n("یوسفزی", "Yousafzai", "Yusufzai"),
    _n("مومند", "Momand", "Mohmand"),
    _n("وردګ", "Wardak", "Wardag"),
    _n("صافي", "Safi"),
    _n("نیازی", "Niazi", "Niasi"),
    _n("کاکړ", "Kakar", "Kakkar"),
    _n("شینواری", "Shinwari", "Schinwari"),
    _n("اڅکزی", "Achakzai", "Atschaksai"),
)

# Eritrea, Tigrinya in Ge'ez. Eritreans carry given name, father's name, grandfather's name;
# German documents usually make the father's name the family name, so a child's family name
# is the father's given name.
TIGRINYA_MALE: tuple[Name, ...] = (
    _n("ዮናስ", "Yonas", "Jonas", "Yonass"),
    _n("ሰለሞን", "Selemon", "Solomon", "Salomon"),
    _n("ዳዊት", "Dawit", "Dawitt"),
    _n("ተስፋይ", "Tesfay", "Tesfai", "Tesfaye"),
    _n("ሃብቶም", "Habtom", "Habtum"),
    _n("ኪዳነ", "Kidane", "Kidana"),
    _n("ብርሃነ", "Berhane", "Birhane", "Brhane"),
    _n("መብራህቱ", "Mebrahtu", "Mebrahatu"),
    _n("ክብሮም", "Kibrom", "Kbrom"),
    _n("ፍሳሃ", "Fissaha", "Fsaha", "Fisaha"),
    _n("ሳሙኤል", "Samuel", "Samiel"),
    _n("ኤርምያስ", "Ermias", "Ermiyas"),
    _n("ዳንኤል", "Daniel", "Danel"),
    _n("ሚካኤል", "Mikael", "Michael", "Mikiel"),
    _n("ገብረመድህን", "Gebremedhin", "Ghebremedhin", "Gebremedhn"),
    _n("ተኽለ", "Tekle", "Tekleh"),
    _n("ሙሴ", "Musie", "Mussie", "Muse"),
    _n("ኣማኑኤል", "Amanuel", "Emanuel", "Amanual"),
    _n("ዓወት", "Awet", "Awot"),
    _n("ሄኖክ", "Henok", "Henock"),
    _n("ናትናኤል", "Natnael", "Natenael"),
    _n("የማነ", "Yemane", "Jemane"),
    _n("ተወልደ", "Tewelde", "Tewolde", "Teweldie"),
    _n("ሃይለ", "Haile", "Hayle"),
    _n("ሙሉጌታ", "Mulugeta", "Mulugheta"),
    _n("ኣብርሃ", "Abraha", "Abreha"),
    _n("ግርማይ", "Girmay", "Ghirmay", "Germay"),
    _n("መሓሪ", "Mehari", "Mihari"),
)

TIGRINYA_FEMALE: tuple[Name, ...] = (
    _n("ሰላም", "Selam", "Salam"),
    _n("ሳባ", "Saba"),
    _n("ፍዮሪ", "Fiori", "Fyori"),
    _n("ሉላ", "Lula"),
    _n("ኤልሳ", "Elsa"),
    _n("ሄለን", "Helen", "Hellen"),
    _n("ሩታ", "Ruta"),
    _n("ዮርዳኖስ", "Yordanos", "Jordanos"),
    _n("ሰምሃር", "Semhar", "Semhal"),
    _n("ትርሓስ", "Tirhas", "Trhas", "Tirhass"),
    _n("ኣብረኸት", "Abrehet", "Abreht"),
    _n("ለተብርሃን", "Letebrhan", "Letebirhan"),
    _n("ሃይማኖት", "Haimanot", "Haymanot"),
    _n("ኤደን", "Eden"),
    _n("ፅጌ", "Tsige", "Tsighe"),
    _n("ብርኽቲ", "Brikti", "Birikti"),
    _n("ሂወት", "Hiwet", "Hiwot"),
    _n("ምሕረት", "Mihret", "Mehret"),
    _n("ዊንታ", "Winta", "Wineta"),
)

# Family names of Eritreans who registered a grandfather's or a compound name.
TIGRINYA_FAMILY: tuple[Name, ...] = (
    _n("ገብረእግዚኣብሄር", "Gebregziabher", "Gebreegziabher", "Ghebregziabher"),
    _n("ገብረሚካኤል", "Gebremichael", "Gebremikael", "Ghebremichael"),
    _n("ገብረሂወት", "Gebrehiwet", "Gebrehiwot"),
    _n("ተስፋማርያም", "Tesfamariam", "Tesfamaryam"),
    _n("ወልደማርያም", "Weldemariam", "Woldemariam", "Woldemaryam"),
    _n("ሃብተማርያም", "Habtemariam", "Habtemaryam"),
    _n("ገብረስላሴ", "Gebreselassie", "Gebreselasie", "Ghebreselassie"),
    _n("ተኽለሃይማኖት", "Teklehaimanot", "Teklehaymanot"),
    _n("ተስፋጽዮን", "Tesfazion", "Tesfatsion", "Tesfaseyon"),
    _n("ዘርኡ", "Zeru", "Zerou"),
    _n("ሃብተ", "Habte", "Habtey"),
    _n("ወልዱ", "Weldu", "Woldu"),
    _n("ነጋሲ", "Negassi", "Negasi"),
    _n("ሰመረ", "Semere", "Semre"),
    _n("ኣስመሮም", "Asmerom", "Asmerum"),
)

# Bulgaria: Cyrillic only here; the Latin forms come from the transliteration tables.
# Bulgarian Turks and Roma, a large part of Bulgarian migration to Germany, carry Turkish
# or Arabic names in Bulgarian spelling.
BULGARIAN_MALE: tuple[str, ...] = (
    "Георги",
    "Иван",
    "Димитър",
    "Николай",
    "Петър",
    "Христо",
    "Стоян",
    "Тодор",
    "Атанас",
    "Йордан",
    "Васил",
    "Кирил",
    "Емил",
    "Ангел",
    "Асен",
    "Борис",
    "Любомир",
    "Цветан",
    "Мартин",
    "Виктор",
    "Мехмед",
    "Ахмед",
    "Юсеин",
    "Салим",
    "Али",
)

BULGARIAN_FEMALE: tuple[str, ...] = (
    "Мария",
    "Иванка",
    "Елена",
    "Йорданка",
    "Пенка",
    "Десислава",
    "Гергана",
    "Силвия",
    "Росица",
    "Цветелина",
    "Милена",
    "Петя",
    "Радка",
    "Снежана",
    "Виолета",
    "Анелия",
    "Фатме",
    "Айше",
    "Емине",
)

# Male form; the female form adds "а" (Иванов, Иванова).
BULGARIAN_FAMILY: tuple[str, ...] = (
    "Иванов",
    "Георгиев",
    "Димитров",
    "Петров",
    "Николов",
    "Стоянов",
    "Христов",
    "Тодоров",
    "Илиев",
    "Атанасов",
    "Ангелов",
    "Костадинов",
    "Йорданов",
    "Маринов",
    "Колев",
    "Попов",
    "Мехмедов",
    "Юсеинов",
    "Алиев",
    "Салимов",
    "Асенов",
)

# Ukrainian given names with the spellings other documents use: older passports (Andriy),
# Russian-language documents (Aleksandr), German registers (Olexandr, Alexander).
UKRAINIAN_GIVEN_VARIANTS: dict[str, tuple[str, ...]] = {
    "Олександр": ("Olexandr", "Aleksandr", "Alexander"),
    "Андрій": ("Andriy", "Andrey", "Andrej"),
    "Сергій": ("Serhiy", "Sergey", "Sergej"),
    "Юрій": ("Yuriy", "Yuri", "Jurij"),
    "Дмитро": ("Dmitry", "Dmitrij"),
    "Олексій": ("Oleksiy", "Aleksey", "Alexej"),
    "Микола": ("Nikolai", "Mikola"),
    "Володимир": ("Vladimir", "Wolodymyr"),
    "Євген": ("Yevhen", "Evgeny", "Jewgeni"),
    "Віталій": ("Vitaliy", "Vitaly", "Witali"),
    "Наталія": ("Nataliya", "Natalia", "Natalja"),
    "Юлія": ("Yuliya", "Julia", "Julija"),
    "Тетяна": ("Tetyana", "Tatiana", "Tatjana"),
    "Ольга": ("Olga",),
    "Ганна": ("Anna", "Ganna"),
    "Марія": ("Mariya", "Maria"),
    "Ірина": ("Irina",),
    "Олена": ("Elena", "Jelena"),
    "Світлана": ("Svetlana", "Swetlana"),
    "Людмила": ("Lyudmyla", "Ludmila"),
    "Анастасія": ("Anastasiya", "Anastasia"),
    "Катерина": ("Katerina", "Ekaterina", "Katharina"),
    "Вікторія": ("Viktoriya", "Viktoria"),
}

# Turkey: the most common names, mixed with Faker's tr_TR lists (which lean to rare names).
# Kurdish names are frequent among those who applied for asylum since 2016.
TURKISH_MALE: tuple[str, ...] = (
    "Mehmet",
    "Mustafa",
    "Ahmet",
    "Ali",
    "Hüseyin",
    "Hasan",
    "İbrahim",
    "Murat",
    "Emre",
    "Yusuf",
    "Ömer",
    "Serkan",
    "Burak",
    "Mehmet Ali",
    "Welat",
    "Azad",
    "Ercan",
)

TURKISH_FEMALE: tuple[str, ...] = (
    "Ayşe",
    "Fatma",
    "Emine",
    "Hatice",
    "Zeynep",
    "Elif",
    "Meryem",
    "Esra",
    "Özlem",
    "Büşra",
    "Rojda",
    "Berfin",
    "Gülsüm",
    "Sevgi",
)

TURKISH_FAMILY: tuple[str, ...] = (
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Yıldız",
    "Yıldırım",
    "Öztürk",
    "Aydın",
    "Özdemir",
    "Arslan",
    "Doğan",
    "Kılıç",
    "Aslan",
    "Çetin",
    "Kurt",
    "Koç",
    "Güneş",
)
