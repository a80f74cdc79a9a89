"""Demo content in nb, uk and en, written from ../shared/content/facts.md in our own words.

Text that is not taken from those facts (the privacy page) is flagged as example content.
"""

HOME = {
    "nb": {
        "title": "Kommunesamarbeid Norge–Ukraina",
        "intro": "Her finner norske og ukrainske kommuner hverandre: konferanse, samarbeidshistorier og partnere.",
        "body": [
            ("heading", {"text": "Solidaritet og partnerskap", "level": "h2"}),
            (
                "paragraph",
                "<p>Support to the people of Ukraine (s2pU) er en norsk frivillig organisasjon. "
                "Sammen med KS og Ukrainas ambassade i Norge samler vi kommuner, fylkeskommuner og næringsliv "
                "som vil inngå langsiktige samarbeid med ukrainske kommuner.</p>",
            ),
            (
                "paragraph",
                "<p>Høsten 2023 hadde rundt 60 norske kommuner inngått avtaler med ukrainske kommuner, "
                "blant dem Kristiansand og Mykolaiv, og Lyngdal og Kryvyj Rih.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "Vil kommunen din bli med?",
                    "text": "Fortell oss hva dere kan tilby og hva dere trenger, så hjelper vi dere å finne en partner.",
                    "page": "interest",
                    "button_label": "Meld interesse",
                },
            ),
        ],
    },
    "uk": {
        "title": "Співпраця громад Норвегії та України",
        "intro": "Тут норвезькі та українські громади знаходять одна одну: конференція, історії співпраці та партнери.",
        "body": [
            ("heading", {"text": "Солідарність і партнерство", "level": "h2"}),
            (
                "paragraph",
                "<p>Support to the people of Ukraine (s2pU) — норвезька волонтерська організація. "
                "Разом з KS і Посольством України в Норвегії ми об’єднуємо муніципалітети, фюльке та бізнес, "
                "які прагнуть довгострокової співпраці з українськими громадами.</p>",
            ),
            (
                "paragraph",
                "<p>Станом на осінь 2023 року близько 60 норвезьких муніципалітетів уклали угоди з "
                "українськими громадами, серед них Крістіансанн і Миколаїв, Люнгдал і Кривий Ріг.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "Ваша громада хоче долучитися?",
                    "text": "Розкажіть, що ви можете запропонувати і чого потребуєте, а ми допоможемо знайти партнера.",
                    "page": "interest",
                    "button_label": "Заявити про інтерес",
                },
            ),
        ],
    },
    "en": {
        "title": "Norway–Ukraine municipal cooperation",
        "intro": "Where Norwegian and Ukrainian municipalities find each other: the conference, partnership stories and partners.",
        "body": [
            ("heading", {"text": "Solidarity and partnership", "level": "h2"}),
            (
                "paragraph",
                "<p>Support to the people of Ukraine (s2pU) is a Norwegian voluntary organisation. "
                "Together with KS and the Embassy of Ukraine in Norway we bring together municipalities, county "
                "councils and businesses that want long-term cooperation with Ukrainian municipalities.</p>",
            ),
            (
                "paragraph",
                "<p>By autumn 2023 around 60 Norwegian municipalities had signed agreements with "
                "Ukrainian municipalities, among them Kristiansand and Mykolaiv, and Lyngdal and Kryvyi Rih.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "Would your municipality like to join?",
                    "text": "Tell us what you can offer and what you need, and we will help you find a partner.",
                    "page": "interest",
                    "button_label": "Register interest",
                },
            ),
        ],
    },
}

ABOUT = {
    "nb": {
        "title": "Om samarbeidet",
        "intro": "Hvordan norske og ukrainske kommuner samarbeider, og hvem som står bak.",
        "body": [
            ("heading", {"text": "KS og de ukrainske byenes forbund", "level": "h2"}),
            (
                "paragraph",
                "<p>KS, kommunesektorens organisasjon, har samarbeidet med Association of Ukrainian Cities "
                "(AUC) siden 2008. AUC er Ukrainas største kommuneforbund og hjelper norske kommuner å finne "
                "ukrainske partnere.</p>",
            ),
            (
                "paragraph",
                "<p>20. mai 2022 vedtok KS' landsstyre en uttalelse som oppfordrer norske kommuner til å "
                "holde fast ved eksisterende samarbeid med ukrainske kommuner og vurdere nye, langsiktige "
                "partnerskap, blant annet for å styrke lokaldemokratiet.</p>",
            ),
            ("heading", {"text": "Kortsiktig og langsiktig hjelp", "level": "h2"}),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [
                        ["Tiltak", "Eksempler"],
                        [
                            "Kortsiktige",
                            "Akutte behov mens krigen pågår: varmeutstyr, vinterklær, aktiviteter for barn og unge",
                        ],
                        ["Langsiktige", "Systematisk gjenoppbygging av lokalsamfunn og kommunale tjenester"],
                    ],
                },
            ),
            (
                "paragraph",
                "<p>Kommunesamarbeid betyr ikke at norske kommuner tar ansvar for fysisk gjenoppbygging "
                "eller gjør direkte investeringer. Mange vil gi hjelp som Nansen-programmet ikke dekker.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "Finn en samarbeidspartner",
                    "text": "Kommuner, fylkeskommuner, organisasjoner og bedrifter kan melde interesse for samarbeid.",
                    "page": "interest",
                    "button_label": "Meld interesse",
                },
            ),
        ],
    },
    "uk": {
        "title": "Про співпрацю",
        "intro": "Як співпрацюють норвезькі та українські громади і хто за цим стоїть.",
        "body": [
            ("heading", {"text": "KS і Асоціація міст України", "level": "h2"}),
            (
                "paragraph",
                "<p>KS, організація норвезьких муніципалітетів і фюльке, співпрацює з Асоціацією міст "
                "України (АМУ) з 2008 року. АМУ — найбільше об’єднання громад в Україні, яке допомагає норвезьким "
                "муніципалітетам знайти українських партнерів.</p>",
            ),
            (
                "paragraph",
                "<p>20 травня 2022 року правління KS ухвалило заяву, у якій закликало норвезькі "
                "муніципалітети зберігати наявну співпрацю з українськими громадами та розглядати нові довгострокові "
                "партнерства, зокрема для зміцнення місцевої демократії.</p>",
            ),
            ("heading", {"text": "Короткострокова і довгострокова допомога", "level": "h2"}),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [
                        ["Заходи", "Приклади"],
                        [
                            "Короткострокові",
                            "Нагальні потреби під час війни: обладнання для опалення, зимовий одяг, заходи для дітей і молоді",
                        ],
                        ["Довгострокові", "Системне відновлення громад і муніципальних послуг"],
                    ],
                },
            ),
            (
                "paragraph",
                "<p>Співпраця громад не означає, що норвезькі муніципалітети беруть на себе фізичну "
                "відбудову чи прямі інвестиції. Багато з них хочуть надати допомогу, якої не охоплює програма Нансена.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "Знайдіть партнера",
                    "text": "Громади, області, організації та підприємства можуть заявити про інтерес до співпраці.",
                    "page": "interest",
                    "button_label": "Заявити про інтерес",
                },
            ),
        ],
    },
    "en": {
        "title": "About the cooperation",
        "intro": "How Norwegian and Ukrainian municipalities work together, and who is behind it.",
        "body": [
            ("heading", {"text": "KS and the Association of Ukrainian Cities", "level": "h2"}),
            (
                "paragraph",
                "<p>KS, the Norwegian association of local and regional authorities, has worked with the "
                "Association of Ukrainian Cities (AUC) since 2008. AUC is the largest association of municipalities "
                "in Ukraine and helps Norwegian municipalities find Ukrainian partners.</p>",
            ),
            (
                "paragraph",
                "<p>On 20 May 2022 the KS national board adopted a statement urging Norwegian "
                "municipalities to keep their existing cooperation with Ukrainian municipalities and to consider new, "
                "long-term partnerships, among other things to strengthen local democracy.</p>",
            ),
            ("heading", {"text": "Short-term and long-term help", "level": "h2"}),
            (
                "table",
                {
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [
                        ["Measures", "Examples"],
                        [
                            "Short-term",
                            "Acute needs while the war goes on: heating equipment, winter clothes, activities for children and young people",
                        ],
                        ["Long-term", "Systematic rebuilding of local communities and municipal services"],
                    ],
                },
            ),
            (
                "paragraph",
                "<p>Municipal cooperation does not mean that Norwegian municipalities take on physical "
                "rebuilding or make direct investments. Many want to give help that the Nansen programme does not cover.</p>",
            ),
            (
                "call_to_action",
                {
                    "title": "Find a partner",
                    "text": "Municipalities, counties, organisations and businesses can register their interest in a partnership.",
                    "page": "interest",
                    "button_label": "Register interest",
                },
            ),
        ],
    },
}

PRIVACY = {
    "nb": {
        "title": "Personvern",
        "intro": "Slik behandler vi opplysningene du gir oss.",
        "body": [
            (
                "paragraph",
                "<p>Når du melder deg på en konferanse eller sender inn interesse for samarbeid, lagrer vi "
                "bare det skjemaet spør om, og bare så lenge vi trenger det. Opplysningene brukes til å gjennomføre "
                "arrangementet og følge opp henvendelsen din.</p>",
            ),
            ("paragraph", "<p>Du kan be om innsyn, retting eller sletting ved å kontakte sekretariatet.</p>"),
        ],
    },
    "uk": {
        "title": "Конфіденційність",
        "intro": "Як ми обробляємо дані, які ви нам надаєте.",
        "body": [
            (
                "paragraph",
                "<p>Коли ви реєструєтеся на конференцію або подаєте заявку на співпрацю, ми зберігаємо "
                "лише те, що запитує форма, і лише стільки, скільки потрібно. Дані використовуються для проведення "
                "заходу та відповіді на ваш запит.</p>",
            ),
            (
                "paragraph",
                "<p>Ви можете попросити доступ до своїх даних, їх виправлення або видалення, звернувшись "
                "до секретаріату.</p>",
            ),
        ],
    },
    "en": {
        "title": "Privacy",
        "intro": "How we handle the information you give us.",
        "body": [
            (
                "paragraph",
                "<p>When you register for a conference or express interest in a partnership, we keep only "
                "what the form asks for, and only as long as we need it. The data is used to run the event and to "
                "follow up your enquiry.</p>",
            ),
            ("paragraph", "<p>You can ask to see, correct or delete your data by contacting the secretariat.</p>"),
        ],
    },
}

FOOTER = {
    "nb": {
        "organisers": "<p>Ukrainas ambassade i Norge, Support to the people of Ukraine (s2pU) og KS</p>",
        "contact": "<p>Spørsmål sendes til sekretariatet i s2pU.</p>",
    },
    "uk": {
        "organisers": "<p>Посольство України в Норвегії, Support to the people of Ukraine (s2pU) і KS</p>",
        "contact": "<p>Із запитаннями звертайтеся до секретаріату s2pU.</p>",
    },
    "en": {
        "organisers": "<p>The Embassy of Ukraine in Norway, Support to the people of Ukraine (s2pU) and KS</p>",
        "contact": "<p>Questions go to the s2pU secretariat.</p>",
    },
}

STEERING_GROUP = [
    {
        "name": {"nb": "Jan Kristensen", "uk": "Ян Крістенсен", "en": "Jan Kristensen"},
        "title": {"nb": "Leder, ordfører i Lyngdal", "uk": "Голова, мер Люнгдала", "en": "Chair, mayor of Lyngdal"},
        "organisation": {"nb": "Lyngdal kommune", "uk": "Муніципалітет Люнгдал", "en": "Lyngdal municipality"},
    },
    {
        "name": {"nb": "Elita Cakule", "uk": "Еліта Цакуле", "en": "Elita Cakule"},
        "title": {
            "nb": "Leder for KS Internasjonal",
            "uk": "Керівниця KS International",
            "en": "Head of KS International",
        },
        "organisation": {"nb": "KS", "uk": "KS", "en": "KS"},
    },
    {
        "name": {"nb": "Dr. Liliya Honcharevych", "uk": "Д-р Лілія Гончаревич", "en": "Dr Liliya Honcharevych"},
        "title": {"nb": "Fungerende ambassadør", "uk": "Виконувачка обов’язків посла", "en": "Acting ambassador"},
        "organisation": {
            "nb": "Ukrainas ambassade i Norge",
            "uk": "Посольство України в Норвегії",
            "en": "Embassy of Ukraine in Norway",
        },
    },
    {
        "name": {"nb": "Jonas Andersen Sayed", "uk": "Йонас Андерсен Саєд", "en": "Jonas Andersen Sayed"},
        "title": {"nb": "Ordfører i Sokndal", "uk": "Мер Сокндала", "en": "Mayor of Sokndal"},
        "organisation": {"nb": "Sokndal kommune", "uk": "Муніципалітет Сокндал", "en": "Sokndal municipality"},
    },
    {
        "name": {"nb": "Per Kristian Lunden", "uk": "Пер Крістіан Лунден", "en": "Per Kristian Lunden"},
        "title": {"nb": "Ordfører i Risør", "uk": "Мер Рісера", "en": "Mayor of Risør"},
        "organisation": {"nb": "Risør kommune", "uk": "Муніципалітет Рісер", "en": "Risør municipality"},
    },
]

SITE_SETTINGS = {"contact_email": "sekretariat@s2pu.example", "phone": "91 10 60 45"}
