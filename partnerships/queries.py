"""The partners and partnerships an index lists, as the lists, the overview, the open data and the
front page read them."""

from django.db.models import Q

from home.text import name_sort_key

from .models import PartnerPage, Partnership


def partnerships_of(index):
    """The partnerships whose partners are listed under `index` (in any language)."""
    keys = partners_of(index).values("translation_key")
    return (
        Partnership.objects.public()
        .filter(Q(norwegian_partner__translation_key__in=keys) | Q(ukrainian_partner__translation_key__in=keys))
        .select_related("norwegian_partner", "ukrainian_partner", "coordinator", "agreement_document")
        .order_by("norwegian_partner__title", "ukrainian_partner__title")
    )


def partners_of(index):
    return PartnerPage.objects.child_of(index).live().public()


def by_name(partners, language: str) -> list:
    """`partners` in the order a reader of `language` looks names up (home.text.name_sort_key), which
    no database collation gives alike: SQLite puts "s2pU" after every capital."""
    return sorted(partners, key=lambda partner: name_sort_key(partner.title, language))
