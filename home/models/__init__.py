"""The core's models, one module per kind: pages, translatable snippets, site settings and the
permission for personal data, the records every public form shares, and the outbox."""

from .forms import FormRejection, RateLimitHit, StableKeyFormField
from .outbox import OutboundEmail
from .pages import BasePage, HomePage, StandardPage, first_text, romanised_slug, translation_slug
from .site import PersonalDataAccess, SiteSettings
from .snippets import Footer, NavigationMenu, Person, TranslatableSnippet

__all__ = [
    "BasePage",
    "Footer",
    "FormRejection",
    "HomePage",
    "NavigationMenu",
    "OutboundEmail",
    "Person",
    "PersonalDataAccess",
    "RateLimitHit",
    "SiteSettings",
    "StableKeyFormField",
    "StandardPage",
    "TranslatableSnippet",
    "first_text",
    "romanised_slug",
    "translation_slug",
]
