"""Public form pages on Wagtail's own form lifecycle, and the responses every public form shares.

A public form page (conference registration, partnership interest) is a Wagtail form page whose
`serve` → `get_form` → `process_form_submission` → `render_landing_page` run as Wagtail runs them;
what this base adds around them is the same for every form:

- the form: the editor's questions (keys from the Norwegian labels, answers capped), built-in fields
  before and after them, consent linking the privacy page in the reader's language, a honeypot;
- before Wagtail's lifecycle: a form may be closed, a bot or a flood is refused with a page that
  says so in the visitor's language (never a silent "thank you");
- after it: post/redirect/get to a done page that shows the stored record, never cached;
- one dataset in every language: a submission is stored on the source-language page
  (`source_page`), its record type is `get_submission_class()`, and Wagtail's own submissions list
  leads to the Secretariat's screens instead of an empty FormSubmission list;
- who hears of a submission: `secretariat_addresses()`.

A subclass writes only what differs: its built-in fields, what a submission does
(`process_form_submission`), its record type and where the Secretariat handles them.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractForm
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from . import content_cache, spam
from .forms import HONEYPOT_FIELD, PublicForm, PublicFormBuilder, add_spam_defence, consent_field, honeypot_tripped
from .i18n import active_language, source_of
from .models import BasePage, BasePageForm, FormRejection

DONE_TOKEN_MAX_AGE = 60 * 60 * 24


def personal(response: HttpResponse) -> HttpResponse:
    """Keep a page that shows what a person sent (a done page, a form echoed back with errors) out
    of every shared and browser cache, so that the next user of a shared computer or a proxy never
    gets it."""
    add_never_cache_headers(response)
    return response


def redirect_after_post(url: str) -> HttpResponseRedirect:
    """303 See Other: the browser follows with a GET, so a refresh never posts again."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


class PublicFormPageForm(BasePageForm, WagtailAdminFormPageForm):
    """Wagtail's admin form for form-builder pages, with the slug check of every page type."""


class PublicFormPage(RoutablePageMixin, AbstractEmailForm, BasePage):
    intro = models.TextField(_("introduction"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the consent checkbox."),
    )

    form_builder = PublicFormBuilder
    base_form_class = PublicFormPageForm
    base_form_class_for_visitors = PublicForm
    # Refusals and the rate limit are counted under this name.
    form_name = ""
    # The answers the page stores in its own record fields rather than among the editor's questions.
    builtin_keys: frozenset[str] = frozenset()
    done_salt = ""
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        abstract = True

    # --- What the page stands for ---------------------------------------------------------

    @cached_property
    def source_page(self):
        """The source-language page, which every language's submissions are stored on."""
        return source_of(self)

    def accepts_submissions(self) -> bool:
        return True

    def contact_email(self) -> str:
        """Where a visitor whose post was refused can write instead; the page's own contact if any."""
        return ""

    def secretariat_addresses(self) -> list[str]:
        """Who hears of each submission: the source page's "to address", else the page's contact,
        else SECRETARIAT_EMAIL."""
        to_address = self.source_page.to_address
        if to_address:
            return [address.strip() for address in to_address.split(",") if address.strip()]
        fallback = self.contact_email() or settings.SECRETARIAT_EMAIL
        return [fallback] if fallback else []

    # --- The form -------------------------------------------------------------------------

    def get_form_class(self):
        questions = self.form_builder(self.get_form_fields()).formfields
        return type(f"{type(self).__name__}Form", (self.base_form_class_for_visitors,), dict(questions))

    def builtin_fields(self) -> tuple[dict, dict]:
        """The fields the page asks for itself: ({before the editor's questions}, {after them})."""
        return {}, {}

    def privacy_url(self) -> str | None:
        """The privacy page in the reader's language where it is live, else the chosen one. Kept in the
        content cache: three queries for a link that changes only when a page is saved."""
        if not self.privacy_page_id:
            return None
        return content_cache.get_or_set(
            f"privacy-url:{self.privacy_page_id}", active_language(), lambda: self.privacy_page.localized.url
        )

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        before, after = self.builtin_fields()
        form.fields = {**before, **form.fields, **after, "consent": consent_field(self.privacy_url())}
        add_spam_defence(form)
        return form

    def editor_answers(self, form) -> dict:
        """The answers to the editor's questions, by their stable keys."""
        skip = {*self.builtin_keys, "consent", HONEYPOT_FIELD}
        return {key: form.cleaned_data.get(key) for key in form.fields if key not in skip}

    # --- Wagtail's lifecycle, with what every public form adds around it --------------------

    @path("")
    def form_view(self, request, *args, **kwargs):
        # Error reports (500 mails, Sentry-style handlers) must not carry what people typed.
        request.sensitive_post_parameters = "__ALL__"
        if not self.accepts_submissions():
            return self.render_closed(request)
        if request.method == "POST" and (refusal := self.refuse(request)):
            return refusal
        response = AbstractForm.serve(self, request, *args, **kwargs)
        # A form sent back with errors shows what the person typed.
        return personal(response) if request.method == "POST" else response

    def refuse(self, request) -> HttpResponse | None:
        if honeypot_tripped(request.POST):
            spam.count_rejection(self.form_name, FormRejection.HONEYPOT)
            return spam.rejection_response(request, "honeypot", self.contact_email())
        if spam.rate_limited(request, self.form_name):
            spam.count_rejection(self.form_name, FormRejection.RATE_LIMIT)
            return spam.rejection_response(request, "rate_limit", self.contact_email(), status=429)
        return None

    def render_closed(self, request):
        context = self.get_context(request)
        context.update(closed=True, now=timezone.now())
        return TemplateResponse(request, self.get_template(request), context)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """Post/redirect/get: the done page is a GET, so a refresh never sends again. Wagtail's page
        URLs allow only [\\w-] in a route segment, so the signed record id is a parameter."""
        token = signing.dumps(form_submission.pk, salt=self.done_salt)
        return redirect_after_post(self.url + self.reverse_subpage("done") + "?" + urlencode({"s": token}))

    @path("done/", name="done")
    def done_view(self, request):
        try:
            pk = signing.loads(request.GET.get("s", ""), salt=self.done_salt, max_age=DONE_TOKEN_MAX_AGE)
        except signing.BadSignature:
            submission = None
        else:
            submission = self.get_submission_class().objects.filter(pk=pk).first()
        context = self.get_context(request)
        context.update(self.get_landing_context(submission))
        return personal(TemplateResponse(request, self.get_landing_page_template(request), context))

    def get_landing_context(self, submission) -> dict:
        return {"form_submission": submission}

    def serve_preview(self, request, mode_name):
        context = self.get_context(request)
        if mode_name == "landing":
            return TemplateResponse(request, self.get_landing_page_template(request), context)
        context["form"] = self.get_form(page=self, user=request.user)
        return TemplateResponse(request, self.get_template(request), context)

    # --- The Secretariat's side -----------------------------------------------------------

    def get_submissions(self):
        return self.get_submission_class().objects.filter(page=self.source_page)

    def submissions_admin_url(self, export_format: str | None = None) -> str:
        """The Secretariat's list of this form's records (with `export_format`, its export)."""
        raise NotImplementedError

    def serve_submissions_list_view(self, request, *args, **kwargs):
        """Wagtail's own submissions list and its export would be empty: the records live in their
        own model, handled on the Secretariat's screens."""
        export_format = request.GET.get("export")
        return redirect(self.submissions_admin_url(export_format if export_format in {"csv", "xlsx"} else None))
