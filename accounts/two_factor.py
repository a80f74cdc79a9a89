"""Two-factor login (django-otp): a code from an authenticator app (TOTP), or one of ten recovery codes
(a static device) when the phone is lost.

Who must give it (`second_factor_required`): whoever may see personal data and whoever chose to enrol,
while OTP_REQUIRED is on (always in production). With it off (development) nobody must: a user who
enrolled is offered the code page after the password and may skip it.

A user who must is not signed in by the password. The login views (`AdminLoginView` at /admin/login/,
`PublicLoginView` at /<lang>/_util/login/, where private pages and documents send visitors) keep a
signed note of who gave the right password, good for PENDING_SECONDS, and send them on to the code
page (or to enrolment, when they have no device yet). Only a right code signs them in: `login()`, which
gives the session a new key, then `django_otp.login()`, which marks it verified. Whatever else signed
a user in without the code (a session from before, a Secretariat membership given while signed in),
`SecondFactorMiddleware` treats that user as anonymous on every URL.

Wrong codes are throttled by django-otp per device: after n failures in a row the device refuses every
code, the right one included, for 2^(n-1) × OTP_*_THROTTLE_FACTOR seconds."""

import base64
import logging
from functools import wraps
from urllib.parse import urlencode

import segno
from asgiref.sync import sync_to_async
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from wagtail import hooks
from wagtail.admin.views.account import LoginView as WagtailAdminLoginView

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/admin/"
# What someone between the password and the code may still reach under /admin/: the login page (to
# start again), signing out, the script catalogue and the icon sprite the pages below load (icons.js
# pastes the sprite into the page: redirected, it pasted a second copy of the form, whose `next` was
# the sprite), and these pages themselves. Every other admin address sends them to the code page.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "two_factor_verify",
        "two_factor_enrol",
        "two_factor_recovery_codes",
    }
)
PENDING_SESSION_KEY = "two_factor_pending"
# Named where the module first lived: a new salt would void the notes of people signing in at a deploy.
PENDING_SALT = "home.two_factor.pending"
# Time enough to find the phone; past it, the password is asked again.
PENDING_SECONDS = 10 * 60
RECOVERY_CODE_COUNT = 10


def second_factor_required(user) -> bool:
    """Everyone who can see personal data, and everyone who chose to enrol; nobody with OTP_REQUIRED off."""
    if not (settings.OTP_REQUIRED and user and user.is_authenticated):
        return False
    return second_factor_demanded(user) or user_has_device(user, confirmed=True)


def second_factor_demanded(user) -> bool:
    """Whether an app demands the second factor of `user` (the `second_factor_required` hook: privacy's
    for everyone who can see personal data), whatever they chose themselves."""
    return any(demands(user) for demands in hooks.get_hooks("second_factor_required"))


def is_verified(user) -> bool:
    """Signed in, and this session's login was confirmed by one of the user's devices."""
    return bool(user.is_authenticated and user.is_verified())


def awaits_second_factor(user) -> bool:
    """Signed in with a password, but not yet past the second factor it needs."""
    return second_factor_required(user) and not user.is_verified()


def authenticator_of(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def recovery_device_of(user):
    return StaticDevice.objects.devices_for_user(user, confirmed=True).first()


def code_page(user, next_address: str) -> str:
    """Where someone who gave the right password goes next: the code, or enrolment without a device."""
    name = "two_factor_verify" if authenticator_of(user) else "two_factor_enrol"
    return f"{reverse(name)}?{urlencode({'next': next_address})}"


def hold_for_second_factor(request, user, remember=None) -> None:
    """Note in a new, otherwise empty session who gave the right password; nobody is signed in."""
    request.session.flush()
    request.session[PENDING_SESSION_KEY] = signing.dumps(
        {"user": user.pk, "backend": user.backend, "hash": user.get_session_auth_hash(), "remember": remember},
        salt=PENDING_SALT,
    )


def pending_user(request):
    """The user this session holds at the second factor, while the note is fresh and the password unchanged."""
    note = request.session.get(PENDING_SESSION_KEY)
    if not note:
        return None
    try:
        held = signing.loads(note, salt=PENDING_SALT, max_age=PENDING_SECONDS)
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=held["user"], is_active=True).first()
    if user is None or not constant_time_compare(user.get_session_auth_hash(), held["hash"]):
        return None
    user.backend = held["backend"]
    user.remember = held["remember"]
    return user


def sign_in_verified(request, user, device) -> None:
    """Sign `user` in past the second factor: a new session key, and the session marked verified."""
    if request.user.is_authenticated:
        request.session.cycle_key()
    else:
        login(request, user, backend=getattr(user, "backend", None) or request.session.get(BACKEND_SESSION_KEY))
    otp_login(request, device)
    request.session.pop(PENDING_SESSION_KEY, None)
    remember = getattr(user, "remember", None)
    if remember is not None:  # as Wagtail's login does with its "Remember me"
        request.session.set_expiry(settings.SESSION_COOKIE_AGE if remember else 0)


def anonymous():
    user = AnonymousUser()
    # What OTPMiddleware gives every user, so that django-otp's own checks keep working.
    user.otp_device = None
    user.is_verified = lambda: False
    return user


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware: a user who owes the second factor is anonymous on every URL;
    one held between the password and the code is sent from any admin page to the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        signed_in = request.user
        request.user = SimpleLazyObject(lambda: anonymous() if awaits_second_factor(signed_in) else signed_in)
        signed_in_async = getattr(request, "auser", None)
        if signed_in_async is not None:

            async def auser():
                user = await signed_in_async()
                return anonymous() if await sync_to_async(awaits_second_factor)(user) else user

            request.auser = auser
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(ADMIN_PREFIX) or request.user.is_authenticated:
            return None
        if request.resolver_match.url_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        person = pending_user(request)
        if person is None:
            return None
        return redirect(code_page(person, request.get_full_path()))


class SecondFactorLoginMixin:
    """For a LoginView: the right password of someone who must give a second factor signs nobody in,
    it leads to the code page; someone who may skip it is signed in and offered it."""

    def form_valid(self, form):
        user = form.get_user()
        if second_factor_required(user):
            hold_for_second_factor(self.request, user, remember=form.cleaned_data.get("remember"))
            return redirect(code_page(user, self.get_success_url()))
        response = super().form_valid(form)
        if authenticator_of(user) is not None:
            return redirect(code_page(user, self.get_success_url()))
        return response


class AdminLoginView(SecondFactorLoginMixin, WagtailAdminLoginView):
    pass


class PublicLoginView(SecondFactorLoginMixin, auth_views.LoginView):
    """The login that private pages and documents send visitors to (Wagtail's `wagtailcore_login`)."""

    template_name = getattr(settings, "WAGTAIL_FRONTEND_LOGIN_TEMPLATE", "wagtailcore/login.html")
    next_page = "/"


class CodeForm(forms.Form):
    """A code from the authenticator app, or, when a recovery device is given, one of its codes."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def __init__(self, authenticator, *args, recovery=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.authenticator = authenticator
        self.recovery = recovery
        self.device = None

    def device_for(self, code: str):
        # App codes are all digits of the app's length; recovery codes are longer.
        if self.recovery is not None and not (code.isdigit() and len(code) == self.authenticator.digits):
            return self.recovery
        return self.authenticator

    def clean_code(self):
        code = "".join(character for character in self.cleaned_data["code"] if character.isalnum()).lower()
        device = self.device_for(code)
        allowed, refusal = device.verify_is_allowed()
        if not allowed:
            wait = max(1, int((refusal["locked_until"] - timezone.now()).total_seconds()) + 1)
            logger.warning("Two-factor code refused unchecked: device %s is throttled", device.persistent_id)
            raise forms.ValidationError(
                _("Too many wrong codes. Wait %(seconds)s seconds and try again."), params={"seconds": wait}
            )
        if not device.verify_token(code):
            # The device id says which account is being tried without naming anybody.
            if device is self.recovery:
                logger.warning("Wrong recovery code for device %s", device.persistent_id)
                raise forms.ValidationError(_("That recovery code is not right, or it has been used already."))
            logger.warning(
                "Wrong two-factor code for device %s (%s in a row)", device.pk, device.throttling_failure_count
            )
            raise forms.ValidationError(_("That code is not right. Codes change every 30 seconds."))
        self.device = device
        return code


def next_url(request, default: str = "wagtailadmin_home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse(default)


def for_the_person_signing_in(view):
    """The view gets the signed-in user, or the one held at the code step, and speaks their admin
    language (these pages are outside Wagtail's admin views, which would set it)."""

    @wraps(view)
    def person_view(request, *args, **kwargs):
        person = request.user if request.user.is_authenticated else pending_user(request)
        if person is None:  # nobody signed in, or the password was given too long ago: start again
            return redirect_to_login(next_url(request), reverse("wagtailadmin_login"))
        profile = getattr(person, "wagtail_userprofile", None)
        language = profile.get_preferred_language() if profile else translation.get_language()
        with translation.override(language):
            response = view(request, person, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response

    return person_view


def new_recovery_codes(user) -> list[str]:
    """RECOVERY_CODE_COUNT fresh codes for `user`; the ones made before stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, defaults={"name": "recovery codes"})
    device.token_set.all().delete()
    codes = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return sorted(codes)


def show_recovery_codes(request, codes: list[str], continue_to: str):
    """The one time the codes are shown: never stored by a browser or a cache."""
    response = TemplateResponse(
        request,
        "accounts/admin/two_factor_recovery_codes.html",
        {"recovery_codes": codes, "continue_to": continue_to, "left": len(codes)},
    )
    add_never_cache_headers(response)
    return response


@for_the_person_signing_in
def verify(request, person):
    if is_verified(request.user):
        return redirect(next_url(request))
    authenticator = authenticator_of(person)
    if authenticator is None:
        return redirect(code_page(person, next_url(request)))
    form = CodeForm(authenticator, request.POST or None, recovery=recovery_device_of(person))
    if request.method == "POST" and form.is_valid():
        sign_in_verified(request, person, form.device)
        return redirect(next_url(request))
    return TemplateResponse(
        request,
        "accounts/admin/two_factor_verify.html",
        # Signed in already means the code was not required of them (the middleware would have
        # made them anonymous otherwise): it is offered, and they may go on without it.
        {"form": form, "next": next_url(request), "may_skip": request.user.is_authenticated},
    )


@for_the_person_signing_in
def enrol(request, person):
    """One unconfirmed device per user holds the secret shown, so reloading the page shows the same
    one; entering a code it produces confirms it (replacing the phone enrolled before, if any) and
    signs this session in with it. A first enrolment then shows the recovery codes, once."""
    current = authenticator_of(person)
    if current is not None and not is_verified(request.user):
        return redirect(code_page(person, next_url(request)))
    device = TOTPDevice.objects.devices_for_user(person, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=person, name="authenticator", confirmed=False)
    form = CodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        TOTPDevice.objects.devices_for_user(person, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        sign_in_verified(request, person, device)
        if current is not None and recovery_device_of(person) is not None:
            messages.success(request, _("Two-factor login now uses your new phone."))
            return redirect(next_url(request))
        return show_recovery_codes(request, new_recovery_codes(person), next_url(request))
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return TemplateResponse(
        request,
        "accounts/admin/two_factor_enrol.html",
        {
            "form": form,
            "next": next_url(request),
            "qr_code_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, omitsize=False),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "required": settings.OTP_REQUIRED and second_factor_demanded(person),
            "replacing": current is not None,
        },
    )


@require_http_methods(["GET", "POST"])
@for_the_person_signing_in
def recovery_codes(request, person):
    """How many recovery codes are left; a POST replaces them all and shows the new ones, once. Only
    after the second factor: a password alone must not be able to make codes that stand in for it."""
    if not is_verified(request.user):
        return redirect(code_page(person, reverse("two_factor_recovery_codes")))
    if request.method == "POST":
        return show_recovery_codes(request, new_recovery_codes(person), reverse("wagtailadmin_account"))
    device = recovery_device_of(person)
    return TemplateResponse(
        request,
        "accounts/admin/two_factor_recovery_codes.html",
        {"left": device.token_set.count() if device else 0, "continue_to": reverse("wagtailadmin_account")},
    )


urlpatterns = [
    path("", verify, name="two_factor_verify"),
    path("enrol/", enrol, name="two_factor_enrol"),
    path("recovery-codes/", recovery_codes, name="two_factor_recovery_codes"),
]
