"""The 2023 conference in nb, uk and en, written in our own words from ../shared/content/facts.md.

Everything here comes from those facts except the programme: the facts give no sessions, times or
rooms, so every session is flagged as example content and the programme page says so.
"""

import datetime

INDEX = {
    "nb": {
        "title": "Konferanse",
        "intro": "Kommunekonferansen samler norske og ukrainske kommuner, fylker og næringsliv som vil samarbeide.",
    },
    "uk": {
        "title": "Конференція",
        "intro": "Муніципальна конференція об’єднує норвезькі та українські громади, фюльке й бізнес, які хочуть співпрацювати.",
    },
    "en": {
        "title": "Conference",
        "intro": "The municipality conference brings together Norwegian and Ukrainian municipalities, counties and businesses that want to work together.",
    },
}

EVENT_DATES = {"start_date": datetime.date(2023, 8, 29), "end_date": datetime.date(2023, 8, 30)}

# The city centre of Oslo: the facts name the city, not the venue.
VENUE = {"latitude": "59.913900", "longitude": "10.752200", "contact_phone": "91 10 60 45"}

EVENT = {
    "nb": {
        "title": "s2pU Kommunekonferansen 2023",
        "theme": "Solidaritet og partnerskap mellom norske og ukrainske kommuner",
        "intro": "To dager i Oslo om hvordan norske kommuner kan støtte ukrainske kommuner, nå og på lang sikt. "
        "Du velger selv om du deltar den ene dagen eller begge.",
        "target_audience": "Kommuner, fylkeskommuner og næringsliv som ønsker solidaritets- og partnerskapssamarbeid "
        "med Ukraina.",
        "venue_name": "",
        "venue_address": "Oslo, Norge",
        "body": [
            ("heading", {"text": "Bakgrunn", "level": "h2"}),
            (
                "paragraph",
                "<p>I mai 2022 oppfordret KS' landsstyre norske kommuner til å holde fast ved samarbeidet med "
                "ukrainske kommuner og vurdere nye, langsiktige partnerskap. Mange kommuner har siden meldt sin "
                "interesse, og KS' søsterorganisasjon, Association of Ukrainian Cities (AUC), hjelper dem å finne "
                "partnere.</p>",
            ),
            (
                "paragraph",
                "<p>Konferansen viser fram vellykkede samarbeid og deler erfaringer fra arbeidet fram til en "
                "signert avtale. Målet er statlig støtte til kommunenes hjelpearbeid i statsbudsjettet for 2024. "
                "Kommunesamarbeid betyr ikke at kommunene skal bygge opp infrastruktur eller gjøre direkte "
                "investeringer, men mange vil gi hjelp som Nansen-programmet ikke dekker.</p>",
            ),
            ("paragraph", "<p>Konferansen gir også et møte med ukrainsk kultur.</p>"),
        ],
    },
    "uk": {
        "title": "Муніципальна конференція s2pU 2023",
        "theme": "Солідарність і партнерство норвезьких та українських громад",
        "intro": "Два дні в Осло про те, як норвезькі муніципалітети можуть підтримати українські громади — зараз "
        "і в довгостроковій перспективі. Можна взяти участь в один день або в обидва.",
        "target_audience": "Муніципалітети, фюльке та бізнес, які прагнуть солідарності й партнерства з Україною.",
        "venue_name": "",
        "venue_address": "Осло, Норвегія",
        "body": [
            ("heading", {"text": "Передісторія", "level": "h2"}),
            (
                "paragraph",
                "<p>У травні 2022 року правління KS закликало норвезькі муніципалітети зберігати співпрацю з "
                "українськими громадами та розглядати нові довгострокові партнерства. Відтоді багато "
                "муніципалітетів заявили про свою зацікавленість, а Асоціація міст України (АМУ), партнерська "
                "організація KS, допомагає їм знайти партнерів.</p>",
            ),
            (
                "paragraph",
                "<p>На конференції покажуть успішні приклади співпраці та поділяться досвідом шляху до "
                "підписання угоди. Мета — державна підтримка допомоги муніципалітетів у бюджеті Норвегії на 2024 "
                "рік. Співпраця громад не означає, що муніципалітети відбудовують інфраструктуру чи роблять прямі "
                "інвестиції, але багато хто хоче надати допомогу, якої не охоплює програма Нансена.</p>",
            ),
            ("paragraph", "<p>Конференція також знайомить з українською культурою.</p>"),
        ],
    },
    "en": {
        "title": "s2pU Municipality Conference 2023",
        "theme": "Solidarity and partnership between Norwegian and Ukrainian municipalities",
        "intro": "Two days in Oslo on how Norwegian municipalities can support Ukrainian municipalities, now and in "
        "the long run. You choose whether to come for one day or both.",
        "target_audience": "Municipalities, county councils and businesses that want solidarity and partnership "
        "cooperation with Ukraine.",
        "venue_name": "",
        "venue_address": "Oslo, Norway",
        "body": [
            ("heading", {"text": "Background", "level": "h2"}),
            (
                "paragraph",
                "<p>In May 2022 the KS national board urged Norwegian municipalities to keep up their cooperation "
                "with Ukrainian municipalities and to consider new, long-term partnerships. Many municipalities "
                "have since said they are interested, and KS's sister organisation, the Association of Ukrainian "
                "Cities (AUC), helps them find partners.</p>",
            ),
            (
                "paragraph",
                "<p>The conference presents partnerships that work and shares experience of the road to a signed "
                "agreement. Its aim is state funding for the municipalities' help in Norway's 2024 budget. "
                "Municipal cooperation does not mean rebuilding infrastructure or making direct investments, but "
                "many municipalities want to give help that the Nansen programme does not cover.</p>",
            ),
            ("paragraph", "<p>The conference also offers an encounter with Ukrainian culture.</p>"),
        ],
    },
}

DAYS = [
    {
        "date": datetime.date(2023, 8, 29),
        "capacity": 150,
        "title": {
            "nb": "Norske kommuner hjelper ukrainske kommuner",
            "uk": "Норвезькі громади допомагають українським громадам",
            "en": "Norwegian municipalities helping Ukrainian municipalities",
        },
        "description": {
            "nb": "Eksempler på vellykkede partnerskap og erfaringer fra prosessen fram til en signert avtale.",
            "uk": "Приклади успішних партнерств і досвід шляху до підписання угоди.",
            "en": "Examples of partnerships that work, and experience of the process up to a signed agreement.",
        },
    },
    {
        "date": datetime.date(2023, 8, 30),
        "capacity": 150,
        "title": {
            "nb": "Politisk anerkjennelse av Holodomor som folkemord",
            "uk": "Політичне визнання Голодомору геноцидом",
            "en": "Political recognition of the Holodomor as genocide",
        },
        "description": {
            "nb": "Hungersnøden i Ukraina i 1932–33 og arbeidet for at den anerkjennes som folkemord.",
            "uk": "Голод в Україні 1932–1933 років і зусилля щодо його визнання геноцидом.",
            "en": "The famine in Ukraine in 1932–33 and the work to have it recognised as genocide.",
        },
    },
]

ORGANISERS = [
    {
        "nb": {"name": "Ukrainas ambassade i Norge"},
        "uk": {"name": "Посольство України в Норвегії"},
        "en": {"name": "Embassy of Ukraine in Norway"},
    },
    {
        "nb": {"name": "Support to the people of Ukraine (s2pU)"},
        "uk": {"name": "Support to the people of Ukraine (s2pU)"},
        "en": {"name": "Support to the people of Ukraine (s2pU)"},
    },
    {
        "nb": {"name": "KS – kommunesektorens organisasjon"},
        "uk": {"name": "KS — асоціація місцевої та регіональної влади Норвегії"},
        "en": {"name": "KS – Norwegian Association of Local and Regional Authorities"},
    },
]

CHAIR = {"nb": "Leder", "uk": "Голова", "en": "Chair"}
MEMBER = {"nb": "Medlem", "uk": "Член", "en": "Member"}
# The steering group by the source-language names of the people home/demo_content.py creates.
STEERING_GROUP = [
    ("Jan Kristensen", CHAIR),
    ("Elita Cakule", MEMBER),
    ("Dr. Liliya Honcharevych", MEMBER),
    ("Jonas Andersen Sayed", MEMBER),
    ("Per Kristian Lunden", MEMBER),
]


def _t(hour, minute=0):
    return datetime.time(hour, minute)


# Example content: the facts give no programme. No session names a real person as a speaker.
SESSIONS = [
    {
        "date": datetime.date(2023, 8, 29),
        "start_time": _t(9),
        "end_time": _t(9, 30),
        "room": {"nb": "Plenumssalen", "uk": "Пленарна зала", "en": "Plenary hall"},
        "language": "nb",
        "interpretation": True,
        "title": {"nb": "Åpning", "uk": "Відкриття", "en": "Opening"},
        "description": {
            "nb": "Velkommen fra arrangørene.",
            "uk": "Вітальне слово організаторів.",
            "en": "Welcome from the organisers.",
        },
    },
    {
        "date": datetime.date(2023, 8, 29),
        "start_time": _t(9, 30),
        "end_time": _t(11),
        "room": {"nb": "Plenumssalen", "uk": "Пленарна зала", "en": "Plenary hall"},
        "language": "nb",
        "interpretation": True,
        "title": {
            "nb": "Fra første kontakt til signert avtale",
            "uk": "Від першого контакту до підписаної угоди",
            "en": "From first contact to a signed agreement",
        },
        "description": {
            "nb": "Kommuner forteller hvordan de fant en ukrainsk partner og hva de lærte underveis.",
            "uk": "Муніципалітети розповідають, як знайшли українського партнера і чого навчилися.",
            "en": "Municipalities tell how they found a Ukrainian partner and what they learnt on the way.",
        },
    },
    {
        "date": datetime.date(2023, 8, 29),
        "start_time": _t(11, 15),
        "end_time": _t(12, 30),
        "room": {"nb": "Plenumssalen", "uk": "Пленарна зала", "en": "Plenary hall"},
        "language": "nb",
        "interpretation": True,
        "title": {
            "nb": "Statlig støtte til kommunesamarbeid",
            "uk": "Державна підтримка співпраці громад",
            "en": "State support for municipal cooperation",
        },
        "description": {
            "nb": "Samtale om hvorfor kommunenes hjelpearbeid trenger statlige midler.",
            "uk": "Розмова про те, чому допомога муніципалітетів потребує державного фінансування.",
            "en": "A conversation about why the municipalities' help needs state funding.",
        },
    },
    {
        "date": datetime.date(2023, 8, 30),
        "start_time": _t(9),
        "end_time": _t(10, 30),
        "room": {"nb": "Plenumssalen", "uk": "Пленарна зала", "en": "Plenary hall"},
        "language": "uk",
        "interpretation": True,
        "title": {
            "nb": "Holodomor 1932–33: historie og minne",
            "uk": "Голодомор 1932–1933: історія і пам’ять",
            "en": "The Holodomor 1932–33: history and memory",
        },
        "description": {
            "nb": "Innledning om hungersnøden og hvordan den minnes i dag.",
            "uk": "Вступ про голод і про те, як його вшановують сьогодні.",
            "en": "An introduction to the famine and how it is remembered today.",
        },
    },
    {
        "date": datetime.date(2023, 8, 30),
        "start_time": _t(11),
        "end_time": _t(12),
        "room": {"nb": "Foajeen", "uk": "Фоє", "en": "Foyer"},
        "language": "uk",
        "interpretation": False,
        "title": {"nb": "Ukrainsk kultur", "uk": "Українська культура", "en": "Ukrainian culture"},
        "description": {
            "nb": "Musikk og kunst fra Ukraina.",
            "uk": "Музика і мистецтво з України.",
            "en": "Music and art from Ukraine.",
        },
    },
]

# The registration page of the 2023 conference. The conference is over, so the demo page closes when
# the event began; the questions are examples of what the secretariat asks, not taken from the facts.
REGISTRATION = {
    "nb": {
        "title": "Påmelding",
        "intro": "Meld deg på dag 1, dag 2 eller begge dagene. Du får en bekreftelse på e-post med kalenderfil.",
        "thank_you_text": "Takk for påmeldingen! Vi har sendt deg en bekreftelse på e-post.",
    },
    "uk": {
        "title": "Реєстрація",
        "intro": "Зареєструйтеся на перший день, другий день або обидва. Ви отримаєте підтвердження "
        "електронною поштою з файлом календаря.",
        "thank_you_text": "Дякуємо за реєстрацію! Ми надіслали вам підтвердження електронною поштою.",
    },
    "en": {
        "title": "Registration",
        "intro": "Register for day 1, day 2 or both. You will get a confirmation by email with a calendar file.",
        "thank_you_text": "Thank you for registering! We have sent you a confirmation by email.",
    },
}
REGISTRATION_FIELDS = [
    {"field_type": "singleline", "required": True, "autocomplete": "organization",
     "label": {"nb": "Organisasjon", "uk": "Організація", "en": "Organisation"}},
    {"field_type": "singleline", "required": False,
     "label": {"nb": "Kommune", "uk": "Громада", "en": "Municipality"}},
    {"field_type": "singleline", "required": False, "autocomplete": "organization-title",
     "label": {"nb": "Rolle", "uk": "Посада", "en": "Role"}},
    {"field_type": "singleline", "required": False, "autocomplete": "tel",
     "label": {"nb": "Telefon", "uk": "Телефон", "en": "Phone"}},
    {"field_type": "multiline", "required": False,
     "label": {"nb": "Matallergier eller andre behov", "uk": "Харчові алергії чи інші потреби",
               "en": "Food allergies or other needs"}},
]  # fmt: skip
