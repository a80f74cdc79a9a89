"""The core's models, one module per kind: pages, what a page needs to take comments, translatable
snippets, site settings, and the records every public form shares."""

from .comments import CommentsMixin, with_comment_counts
from .forms import FormRejection, RateLimitHit, StableKeyFormField
from .pages import (
    BasePage,
    BasePageForm,
    HeroImageDescriptionMixin,
    HomePage,
    StandardPage,
    first_text,
    romanised_slug,
    translation_slug,
)
from .site import SiteSettings
from .snippets import Footer, NavigationMenu, Person, TranslatableSnippet

__all__ = [
    "BasePage",
    "BasePageForm",
    "CommentsMixin",
    "Footer",
    "FormRejection",
    "HeroImageDescriptionMixin",
    "HomePage",
    "NavigationMenu",
    "Person",
    "RateLimitHit",
    "SiteSettings",
    "StableKeyFormField",
    "StandardPage",
    "TranslatableSnippet",
    "first_text",
    "romanised_slug",
    "translation_slug",
    "with_comment_counts",
]
