from .cases import CaseEvent, CaseStatus, InterestCase, OrganisationKind
from .index import PartnershipsIndexPage
from .interest import InterestFormField, InterestFormPage
from .pages import PartnerPage, StoryPage, ThemedPageForm
from .partnerships import Country, PartnerKind, Partnership, PartnershipForm, PartnershipQuerySet, PartnershipStatus
from .snippets import Theme, ThemeQuerySet

__all__ = [
    "CaseEvent",
    "CaseStatus",
    "Country",
    "InterestCase",
    "InterestFormField",
    "InterestFormPage",
    "OrganisationKind",
    "PartnerKind",
    "PartnerPage",
    "Partnership",
    "PartnershipForm",
    "PartnershipQuerySet",
    "PartnershipStatus",
    "PartnershipsIndexPage",
    "StoryPage",
    "Theme",
    "ThemeQuerySet",
    "ThemedPageForm",
]
