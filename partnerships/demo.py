"""Demo content for the partnerships section, from the public facts in shared/content/facts.md.

Partner profiles say only what those facts say, in our own words. The two stories are example content
and say so on the page. Called from `home.demo.load()`; creates whatever is missing and nothing else.
"""

import datetime
from decimal import Decimal

from home.demo import LANGUAGES, SOURCE, ensure_snippet, publish, translate_page

from .factories import (
    InterestFormPageFactory,
    PartnerPageFactory,
    PartnershipsIndexPageFactory,
    StoryPageFactory,
    ThemeFactory,
)
from .models import (
    Country,
    InterestFormPage,
    PartnerKind,
    PartnerPage,
    Partnership,
    PartnershipsIndexPage,
    PartnershipStatus,
    StoryPage,
    Theme,
)

THEMES = [
    ("local-democracy", "Lokaldemokrati", "Місцева демократія", "Local democracy"),
    ("education", "Utdanning", "Освіта", "Education"),
    ("health", "Helse", "Охорона здоровʼя", "Health"),
    ("energy-and-heating", "Energi og oppvarming", "Енергетика й опалення", "Energy and heating"),
    ("water", "Vann og avløp", "Водопостачання", "Water"),
    ("culture", "Kultur", "Культура", "Culture"),
    ("youth", "Barn og unge", "Діти та молодь", "Children and young people"),
    ("business", "Næringsliv", "Підприємництво", "Business"),
    (
        "integration",
        "Integrering av flyktninger og internt fordrevne",
        "Інтеграція біженців і внутрішньо переміщених осіб",
        "Integration of refugees and displaced people",
    ),
    ("digital-services", "Digitale tjenester", "Цифрові послуги", "Digital services"),
]

INDEX = {
    "nb": {
        "title": "Samarbeid",
        "intro": "Norske og ukrainske kommuner og organisasjoner som samarbeider, og hva samarbeidet har ført til.",
    },
    "uk": {
        "title": "Співпраця",
        "intro": "Норвезькі та українські громади й організації, які співпрацюють, і чого вони досягли разом.",
    },
    "en": {
        "title": "Partnerships",
        "intro": "Norwegian and Ukrainian municipalities and organisations working together, and what came of it.",
    },
}

OSLO = (59.9139, 10.7522)
AGDER = {"nb": "Agder", "uk": "Агдер", "en": "Agder"}

# key, kind, country, (latitude, longitude) or None, themes offered, themes needed, texts per language
PARTNERS = [
    {
        "key": "ks",
        "kind": PartnerKind.ORGANISATION,
        "country": Country.NORWAY,
        "position": OSLO,
        "offered": ["local-democracy"],
        "nb": {
            "title": "KS – kommunesektorens organisasjon",
            "region": "Oslo",
            "summary": "Organisasjonen for norske kommuner og fylkeskommuner. KS Internasjonal driver de "
            "internasjonale prosjektene, og KS har samarbeidet med Ukrainas byforbund (AUC) siden 2008. "
            "I mai 2022 oppfordret KS' landsstyre norske kommuner til å holde fast ved samarbeidet med "
            "ukrainske kommuner og vurdere nye, langsiktige partnerskap.",
        },
        "uk": {
            "title": "KS – асоціація місцевих і регіональних органів влади Норвегії",
            "region": "Осло",
            "summary": "Обʼєднання норвезьких комун і фюльке. Міжнародні проєкти веде KS International; з 2008 "
            "року KS співпрацює з Асоціацією міст України. У травні 2022 року правління KS закликало "
            "норвезькі комуни зберігати співпрацю з українськими громадами й розглядати нові довгострокові "
            "партнерства.",
        },
        "en": {
            "title": "KS – the Norwegian Association of Local and Regional Authorities",
            "region": "Oslo",
            "summary": "The association of Norway's municipalities and counties. KS International runs its "
            "international projects, and KS has worked with the Association of Ukrainian Cities since 2008. "
            "In May 2022 its national board urged Norwegian municipalities to keep their cooperation with "
            "Ukrainian municipalities and to consider new long-term partnerships.",
        },
    },
    {
        "key": "auc",
        "kind": PartnerKind.ORGANISATION,
        "country": Country.UKRAINE,
        "position": (50.4501, 30.5234),
        "offered": [],
        "nb": {
            "title": "Ukrainas byforbund (AUC)",
            "region": "Kyiv",
            "summary": "Den største sammenslutningen av kommuner i Ukraina. Byforbundet hjelper norske kommuner "
            "med å finne ukrainske samarbeidspartnere og har samarbeidet med KS siden 2008.",
        },
        "uk": {
            "title": "Асоціація міст України",
            "region": "Київ",
            "summary": "Найбільше обʼєднання громад в Україні. Асоціація допомагає норвезьким комунам знайти "
            "українських партнерів і співпрацює з KS з 2008 року.",
        },
        "en": {
            "title": "Association of Ukrainian Cities (AUC)",
            "region": "Kyiv",
            "summary": "The largest association of municipalities in Ukraine. It helps Norwegian municipalities "
            "find Ukrainian partners and has worked with KS since 2008.",
        },
    },
    {
        "key": "embassy",
        "kind": PartnerKind.ORGANISATION,
        "country": Country.NORWAY,  # where it is: an organisation in Oslo, not a Ukrainian municipality
        "position": (59.925, 10.715),
        "offered": [],
        "nb": {
            "title": "Ukrainas ambassade i Norge",
            "region": "Oslo",
            "summary": "Ukrainas ambassade i Oslo. Arrangerte s2pU Kommunekonferansen 2023 sammen med s2pU og KS.",
        },
        "uk": {
            "title": "Посольство України в Норвегії",
            "region": "Осло",
            "summary": "Посольство України в Осло. Разом з s2pU та KS організувало Муніципальну конференцію s2pU 2023.",
        },
        "en": {
            "title": "Embassy of Ukraine in Norway",
            "region": "Oslo",
            "summary": "Ukraine's embassy in Oslo. It organised the s2pU Municipality Conference 2023 together "
            "with s2pU and KS.",
        },
    },
    {
        "key": "s2pu",
        "kind": PartnerKind.ORGANISATION,
        "country": Country.NORWAY,
        "position": None,
        "offered": [],
        "nb": {
            "title": "s2pU – Support to the people of Ukraine",
            "region": "",
            "summary": "En norsk frivillig organisasjon. Prosjektleder for avtalen mellom Lyngdal og Kryvyi Rih, "
            "og medarrangør av kommunekonferansen i 2023.",
        },
        "uk": {
            "title": "s2pU – Support to the people of Ukraine",
            "region": "",
            "summary": "Норвезька волонтерська організація. Керує проєктом угоди між Люнгдалом і Кривим Рогом; "
            "співорганізатор муніципальної конференції 2023 року.",
        },
        "en": {
            "title": "s2pU – Support to the people of Ukraine",
            "region": "",
            "summary": "A Norwegian voluntary organisation. Project manager for the agreement between Lyngdal "
            "and Kryvyi Rih, and co-organiser of the 2023 municipality conference.",
        },
    },
    {
        "key": "lyngdal",
        "kind": PartnerKind.NO_MUNICIPALITY,
        "country": Country.NORWAY,
        "position": (58.1375, 7.0717),
        "offered": [],
        "nb": {
            "title": "Lyngdal",
            "region": AGDER["nb"],
            "summary": "Kommune i Agder med en avtale om solidaritet og partnerskap med Kryvyi Rih. "
            "s2pU er prosjektleder.",
        },
        "uk": {
            "title": "Люнгдал",
            "region": AGDER["uk"],
            "summary": "Комуна в Агдері, що має угоду про солідарність і партнерство з Кривим Рогом. "
            "Проєктом керує s2pU.",
        },
        "en": {
            "title": "Lyngdal",
            "region": AGDER["en"],
            "summary": "A municipality in Agder with a solidarity and partnership agreement with Kryvyi Rih, "
            "managed by s2pU.",
        },
    },
    {
        "key": "kryvyi-rih",
        "kind": PartnerKind.UA_MUNICIPALITY,
        "country": Country.UKRAINE,
        "position": (47.9105, 33.3918),
        "offered": [],
        "needed": ["education"],
        "nb": {
            "title": "Kryvyi Rih",
            "region": "Dnipropetrovsk oblast",
            "summary": "By i Dnipropetrovsk oblast og Lyngdals partner. Etter skader fra missiler og droner "
            "ba byen Lyngdal om holdbar mat og nettbrett til skoler med fjernundervisning.",
        },
        "uk": {
            "title": "Кривий Ріг",
            "region": "Дніпропетровська область",
            "summary": "Місто в Дніпропетровській області, партнер Люнгдала. Після руйнувань від ракет і дронів "
            "місто попросило Люнгдал про продукти тривалого зберігання й планшети для шкіл, що навчають "
            "дистанційно.",
        },
        "en": {
            "title": "Kryvyi Rih",
            "region": "Dnipropetrovsk Oblast",
            "summary": "A city in Dnipropetrovsk Oblast and Lyngdal's partner. After missile and drone damage it "
            "asked Lyngdal for long-life food and for tablets for schools teaching remotely.",
        },
    },
    {
        "key": "kristiansand",
        "kind": PartnerKind.NO_MUNICIPALITY,
        "country": Country.NORWAY,
        "position": (58.1467, 7.9956),
        "offered": [],
        "nb": {
            "title": "Kristiansand",
            "region": AGDER["nb"],
            "summary": "Kommune i Agder og samarbeidspartner for Mykolaiv.",
        },
        "uk": {
            "title": "Крістіансанн",
            "region": AGDER["uk"],
            "summary": "Комуна в Агдері, партнер Миколаєва.",
        },
        "en": {
            "title": "Kristiansand",
            "region": AGDER["en"],
            "summary": "A municipality in Agder and Mykolaiv's partner.",
        },
    },
    {
        "key": "mykolaiv",
        "kind": PartnerKind.UA_MUNICIPALITY,
        "country": Country.UKRAINE,
        "position": (46.975, 31.9946),
        "offered": [],
        "nb": {
            "title": "Mykolaiv",
            "region": "Mykolaiv oblast",
            "summary": "By i Mykolaiv oblast og samarbeidspartner for Kristiansand.",
        },
        "uk": {
            "title": "Миколаїв",
            "region": "Миколаївська область",
            "summary": "Місто в Миколаївській області, партнер Крістіансанна.",
        },
        "en": {
            "title": "Mykolaiv",
            "region": "Mykolaiv Oblast",
            "summary": "A city in Mykolaiv Oblast and Kristiansand's partner.",
        },
    },
    {
        "key": "sokndal",
        "kind": PartnerKind.NO_MUNICIPALITY,
        "country": Country.NORWAY,
        "position": (58.3333, 6.3),
        "offered": [],
        "nb": {
            "title": "Sokndal",
            "region": "Rogaland",
            "summary": "Kommune i Rogaland. Ordføreren satt i styringsgruppen for kommunekonferansen i 2023.",
        },
        "uk": {
            "title": "Сокндал",
            "region": "Ругаланн",
            "summary": "Комуна в Ругаланні. Її мер входив до керівної групи муніципальної конференції 2023 року.",
        },
        "en": {
            "title": "Sokndal",
            "region": "Rogaland",
            "summary": "A municipality in Rogaland. Its mayor sat on the steering group of the 2023 "
            "municipality conference.",
        },
    },
    {
        "key": "risor",
        "kind": PartnerKind.NO_MUNICIPALITY,
        "country": Country.NORWAY,
        "position": (58.7206, 9.2342),
        "offered": [],
        "nb": {
            "title": "Risør",
            "region": AGDER["nb"],
            "summary": "Kommune i Agder. Ordføreren satt i styringsgruppen for kommunekonferansen i 2023.",
        },
        "uk": {
            "title": "Рісер",
            "region": AGDER["uk"],
            "summary": "Комуна в Агдері. Її мер входив до керівної групи муніципальної конференції 2023 року.",
        },
        "en": {
            "title": "Risør",
            "region": AGDER["en"],
            "summary": "A municipality in Agder. Its mayor sat on the steering group of the 2023 municipality "
            "conference.",
        },
    },
]

PARTNERSHIPS = [
    {"norwegian": "kristiansand", "ukrainian": "mykolaiv", "coordinator": None, "name": "", "themes": []},
    {
        "norwegian": "lyngdal",
        "ukrainian": "kryvyi-rih",
        "coordinator": "s2pu",
        "name": "Solidarity and Partnership",
        "themes": ["education"],
    },
]


def timeline(title, steps, dates):
    return (
        "timeline",
        {
            "title": title,
            "milestones": [
                {"stage": stage, "date": date, "title": text, "text": ""}
                for (stage, text), date in zip(steps, dates, strict=True)
            ],
        },
    )


# The stories are example content (and say so); so are the dates of their milestones.
KRISTIANSAND_MYKOLAIV_DATES = [
    datetime.date(2022, 6, 14),
    datetime.date(2022, 9, 20),
    datetime.date(2023, 1, 25),
    datetime.date(2023, 4, 18),
]
LYNGDAL_KRYVYI_RIH_DATES = [datetime.date(2022, 10, 11), datetime.date(2023, 3, 7)]


STORIES = [
    {
        "partnership": ("kristiansand", "mykolaiv"),
        "date": datetime.date(2023, 8, 29),
        "themes": ["local-democracy"],
        "nb": {
            "title": "Eksempel: Slik blir et vennskapssamarbeid til",
            "summary": "Et eksempel på hvordan en historie om samarbeidet mellom Kristiansand og Mykolaiv kan "
            "fortelles, fra første kontakt til leveranser.",
            "body": [
                (
                    "paragraph",
                    "<p>Dette er eksempelinnhold. Det viser hvordan en historie om et kommunesamarbeid kan "
                    "bygges opp, og beskriver ikke virkelige hendelser.</p>",
                ),
                timeline(
                    "Fra første kontakt til leveranser",
                    [
                        ("first_contact", "Første kontakt"),
                        ("letter_of_intent", "Intensjonsavtale"),
                        ("agreement", "Samarbeidsavtale"),
                        ("delivery", "Første leveranse"),
                    ],
                    KRISTIANSAND_MYKOLAIV_DATES,
                ),
            ],
        },
        "uk": {
            "title": "Приклад: як народжується партнерство громад",
            "summary": "Приклад того, як можна розповісти про співпрацю Крістіансанна й Миколаєва — від першого "
            "контакту до поставок.",
            "body": [
                (
                    "paragraph",
                    "<p>Це приклад вмісту. Він показує, як може виглядати історія про співпрацю громад, і не "
                    "описує реальних подій.</p>",
                ),
                timeline(
                    "Від першого контакту до поставок",
                    [
                        ("first_contact", "Перший контакт"),
                        ("letter_of_intent", "Лист про наміри"),
                        ("agreement", "Угода про співпрацю"),
                        ("delivery", "Перша поставка"),
                    ],
                    KRISTIANSAND_MYKOLAIV_DATES,
                ),
            ],
        },
        "en": {
            "title": "Example: how a municipal partnership comes about",
            "summary": "An example of how the story of Kristiansand and Mykolaiv working together could be told, "
            "from first contact to deliveries.",
            "body": [
                (
                    "paragraph",
                    "<p>This is example content. It shows how a story about a municipal partnership can be "
                    "built, and does not describe real events.</p>",
                ),
                timeline(
                    "From first contact to deliveries",
                    [
                        ("first_contact", "First contact"),
                        ("letter_of_intent", "Letter of intent"),
                        ("agreement", "Cooperation agreement"),
                        ("delivery", "First delivery"),
                    ],
                    KRISTIANSAND_MYKOLAIV_DATES,
                ),
            ],
        },
    },
    {
        "partnership": ("lyngdal", "kryvyi-rih"),
        "date": datetime.date(2023, 8, 29),
        "themes": ["education"],
        "nb": {
            "title": "Eksempel: Nettbrett til skoler med fjernundervisning",
            "summary": "Et eksempel på en historie om Lyngdal og Kryvyi Rih: byen ba om holdbar mat og nettbrett "
            "til skoler som underviser på avstand.",
            "body": [
                (
                    "paragraph",
                    "<p>Dette er eksempelinnhold. Det eneste faktum bak teksten er at Kryvyi Rih, etter skader "
                    "fra missiler og droner, ba Lyngdal om holdbar mat og nettbrett til skoler med "
                    "fjernundervisning. Avtalen heter «Solidarity and Partnership», og s2pU er prosjektleder.</p>",
                ),
                timeline(
                    "Milepæler",
                    [("first_contact", "Første kontakt"), ("agreement", "Avtale om solidaritet og partnerskap")],
                    LYNGDAL_KRYVYI_RIH_DATES,
                ),
            ],
        },
        "uk": {
            "title": "Приклад: планшети для шкіл, що навчають дистанційно",
            "summary": "Приклад історії про Люнгдал і Кривий Ріг: місто попросило продукти тривалого зберігання "
            "й планшети для шкіл, що навчають дистанційно.",
            "body": [
                (
                    "paragraph",
                    "<p>Це приклад вмісту. Єдиний факт за цим текстом — після руйнувань від ракет і дронів "
                    "Кривий Ріг попросив Люнгдал про продукти тривалого зберігання й планшети для шкіл, що "
                    "навчають дистанційно. Угода називається «Solidarity and Partnership», проєктом керує "
                    "s2pU.</p>",
                ),
                timeline(
                    "Етапи",
                    [("first_contact", "Перший контакт"), ("agreement", "Угода про солідарність і партнерство")],
                    LYNGDAL_KRYVYI_RIH_DATES,
                ),
            ],
        },
        "en": {
            "title": "Example: tablets for schools teaching remotely",
            "summary": "An example of a story about Lyngdal and Kryvyi Rih: the city asked for long-life food and "
            "tablets for schools teaching remotely.",
            "body": [
                (
                    "paragraph",
                    "<p>This is example content. The only fact behind it is that Kryvyi Rih, after missile and "
                    "drone damage, asked Lyngdal for long-life food and tablets for schools teaching remotely. "
                    "The agreement is called “Solidarity and Partnership”, and s2pU is its project manager.</p>",
                ),
                timeline(
                    "Milestones",
                    [("first_contact", "First contact"), ("agreement", "Solidarity and partnership agreement")],
                    LYNGDAL_KRYVYI_RIH_DATES,
                ),
            ],
        },
    },
]


def ensure_themes(locale_by_code) -> dict[str, Theme]:
    themes = {}
    for order, (slug, *names) in enumerate(THEMES):
        per_language = {
            code: {"name": name, "slug": slug, "sort_order": order} for code, name in zip(LANGUAGES, names, strict=True)
        }
        themes[slug] = ensure_snippet(Theme, ThemeFactory, locale_by_code, per_language, lookup="slug")
    return themes


def ensure_page(parent, factory, model, fields: dict, **extra):
    existing = model.objects.child_of(parent).filter(title=fields["title"]).first()
    if existing is not None:
        return existing, False
    page = factory.build(locale=parent.locale, slug="", **fields, **extra)
    parent.add_child(instance=page)
    return page, True


def translate_all(source, per_language: dict, locale_by_code) -> None:
    for code in LANGUAGES:
        if code != SOURCE:
            translate_page(source, locale_by_code[code], per_language[code])


INTEREST_FORM = {
    "nb": {
        "title": "Meld interesse for samarbeid",
        "intro": "Er dere en kommune, et fylke, en organisasjon eller en bedrift som vil samarbeide med en "
        "partner i Ukraina eller Norge? Fortell oss hvem dere er og hva dere kan tilby og trenger.",
        "thank_you_text": "Sekretariatet leser alle henvendelser og tar kontakt.",
    },
    "uk": {
        "title": "Заявити про інтерес до співпраці",
        "intro": "Ви громада, область, організація чи підприємство, що хоче співпрацювати з партнером у "
        "Норвегії чи Україні? Розкажіть, хто ви і що можете запропонувати та що вам потрібно.",
        "thank_you_text": "Секретаріат читає всі звернення і зв'яжеться з вами.",
    },
    "en": {
        "title": "Register interest in a partnership",
        "intro": "Are you a municipality, county, organisation or business that wants to work with a partner "
        "in Ukraine or Norway? Tell us who you are and what you can offer and need.",
        "thank_you_text": "The secretariat reads every submission and will contact you.",
    },
}


def ensure_interest_form(index, locale_by_code, privacy=None) -> InterestFormPage:
    """The interest form under the index in every language; no cases (those are real people)."""
    page, created = ensure_page(
        index, InterestFormPageFactory, InterestFormPage, INTEREST_FORM[SOURCE], privacy_page=privacy
    )
    if created:
        publish(page)
    translate_all(page, INTEREST_FORM, locale_by_code)
    return page


def load(locale_by_code, homes, privacy=None) -> PartnershipsIndexPage:
    """The index, themes, partners, partnerships and stories in every language; returns the nb index."""
    assert list(LANGUAGES)[0] == SOURCE == "nb"
    themes = ensure_themes(locale_by_code)
    index, created = ensure_page(homes[SOURCE], PartnershipsIndexPageFactory, PartnershipsIndexPage, INDEX[SOURCE])
    if created:
        publish(index)
    translate_all(index, INDEX, locale_by_code)

    partners = {}
    for spec in PARTNERS:
        position = spec["position"] or (None, None)
        page, created = ensure_page(
            index,
            PartnerPageFactory,
            PartnerPage,
            spec[SOURCE],
            kind=spec["kind"],
            country=spec["country"],
            latitude=None if position[0] is None else Decimal(str(position[0])),
            longitude=None if position[1] is None else Decimal(str(position[1])),
        )
        if created:
            page.themes_offered.set([themes[slug] for slug in spec["offered"]])
            page.themes_needed.set([themes[slug] for slug in spec.get("needed", [])])
            page.save()
            publish(page)
        translate_all(page, spec, locale_by_code)
        partners[spec["key"]] = page

    partnerships = {}
    for spec in PARTNERSHIPS:
        partnership, created = Partnership.objects.get_or_create(
            norwegian_partner=partners[spec["norwegian"]],
            ukrainian_partner=partners[spec["ukrainian"]],
            defaults={
                "coordinator": partners.get(spec["coordinator"]),
                "name": spec["name"],
                "status": PartnershipStatus.AGREEMENT_SIGNED,
            },
        )
        if created:
            partnership.themes.set([themes[slug] for slug in spec["themes"]])
        partnerships[(spec["norwegian"], spec["ukrainian"])] = partnership

    for spec in STORIES:
        source_fields = {k: v for k, v in spec[SOURCE].items() if k != "body"}
        story, created = ensure_page(
            index,
            StoryPageFactory,
            StoryPage,
            source_fields,
            date=spec["date"],
            partnership=partnerships[spec["partnership"]],
            is_example_content=True,
        )
        if created:
            story.body = spec[SOURCE]["body"]
            story.themes.set([themes[slug] for slug in spec["themes"]])
            story.save()
            publish(story)
        translate_all(story, spec, locale_by_code)
    ensure_interest_form(index, locale_by_code, privacy)
    return index
