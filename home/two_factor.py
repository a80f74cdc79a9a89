"""Two-factor login for the admin (django-otp, TOTP): whoever may handle personal data must prove a
second factor before any admin page; everybody else may enrol and is then asked too.

Wagtail's own login checks the password (and django-axes throttles it); OTPMiddleware then tells from
the session whether this login was verified with a device, and `SecondFactorMiddleware` sends an
unverified user to the enrolment page (no confirmed device yet) or to the code page. Wrong codes are
throttled by django-otp itself: after n failures in a row the device refuses every code, the right one
included, for 2^(n-1) × OTP_TOTP_THROTTLE_FACTOR seconds."""

import base64
import logging
from urllib.parse import urlencode

import segno
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from home.secretariat import may_handle_personal_data

logger = logging.getLogger(__name__)

ADMIN_PREFIX = "/admin/"
# What an unverified user may still reach: signing out, the script catalogue and the icon sprite the
# pages below load (icons.js pastes the sprite into the page: redirected, it pasted a second copy of
# the enrolment form, whose `next` was the sprite), and these pages themselves.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "two_factor_verify",
        "two_factor_enrol",
    }
)


def second_factor_required(user) -> bool:
    """Everyone who can see personal data, and everyone who chose to enrol."""
    if not (user and user.is_authenticated):
        return False
    return (settings.OTP_REQUIRED and may_handle_personal_data(user)) or user_has_device(user, confirmed=True)


def awaits_second_factor(user) -> bool:
    """Signed in with a password, but not yet past the second factor it needs."""
    return second_factor_required(user) and not (hasattr(user, "is_verified") and user.is_verified())


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware: no admin page for a user who awaits the second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(ADMIN_PREFIX):
            return None
        if request.resolver_match.url_name in OPEN_BEFORE_SECOND_FACTOR or not awaits_second_factor(request.user):
            return None
        target = "two_factor_verify" if user_has_device(request.user, confirmed=True) else "two_factor_enrol"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        allowed, refusal = self.device.verify_is_allowed()
        if not allowed:
            wait = max(1, int((refusal["locked_until"] - timezone.now()).total_seconds()) + 1)
            logger.warning("Two-factor code refused unchecked: device %s is throttled", self.device.pk)
            raise forms.ValidationError(
                _("Too many wrong codes. Wait %(seconds)s seconds and try again."), params={"seconds": wait}
            )
        code = "".join(self.cleaned_data["code"].split())
        if not self.device.verify_token(code):
            # The device id says which account is being tried without naming anybody.
            logger.warning(
                "Wrong two-factor code for device %s (%s in a row)",
                self.device.pk,
                self.device.throttling_failure_count,
            )
            raise forms.ValidationError(_("That code is not right. Codes change every 30 seconds."))
        return code


def next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def verify(request):
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is None:
        return redirect("two_factor_enrol")
    form = CodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(next_url(request))
    return TemplateResponse(request, "home/admin/two_factor_verify.html", {"form": form, "next": next_url(request)})


def enrol(request):
    """One unconfirmed device per user holds the secret shown, so reloading the page shows the same
    one; entering a code it produces confirms it, and signs this session in with it."""
    if user_has_device(request.user, confirmed=True):
        if not request.user.is_verified():
            return redirect("two_factor_verify")
        return redirect(next_url(request))
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = CodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(next_url(request))
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return TemplateResponse(
        request,
        "home/admin/two_factor_enrol.html",
        {
            "form": form,
            "next": next_url(request),
            "qr_code_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, omitsize=False),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "required": settings.OTP_REQUIRED and may_handle_personal_data(request.user),
        },
    )


urlpatterns = [
    path("two-factor/", verify, name="two_factor_verify"),
    path("two-factor/enrol/", enrol, name="two_factor_enrol"),
]
