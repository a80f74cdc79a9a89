"""Response headers that Django and django-csp do not set by themselves (docs/security.md)."""

import base64
import hashlib
import re

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings

ADMIN_PREFIX = "/admin/"
DOCUMENTS_PREFIX = "/documents/"
INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def inline_script_hashes(html: bytes) -> list[str]:
    return [
        "'sha256-{}'".format(base64.b64encode(hashlib.sha256(body).digest()).decode("ascii"))
        for body in INLINE_SCRIPT.findall(html)
        if body.strip()
    ]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with a policy per area: the public site's (CONTENT_SECURITY_POLICY), the
    admin's (ADMIN_CONTENT_SECURITY_POLICY) and the one a served document gets (DOCUMENT_CONTENT_SECURITY_POLICY).

    The admin cannot run under the public policy: an editor's pages run inline scripts that Wagtail
    writes into templates and re-runs after cloning them (InlinePanel, date choosers; wagtail/wagtail#1288),
    so they get 'unsafe-inline' for scripts. A visitor who is not signed in only reaches the login and
    password-reset pages, and one who still owes the second factor only its pages (accounts/two_factor.py);
    their inline scripts are known when the page is sent: these get their hashes instead, so that
    nobody outside can make the admin run a script it did not write."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.config = admin_policy(request, response)
        return parts

    def process_response(self, request, response):
        if request.path_info.startswith(DOCUMENTS_PREFIX) and HEADER in response:
            # Wagtail's document view sets "default-src 'none'" itself; a document is never a page of ours,
            # so it also runs sandboxed and may not be framed, whatever its type.
            response[HEADER] = settings.DOCUMENT_CONTENT_SECURITY_POLICY
        return super().process_response(request, response)


def admin_policy(request, response) -> dict:
    directives = {name: list(sources) for name, sources in settings.ADMIN_CONTENT_SECURITY_POLICY.items()}
    user = getattr(request, "user", None)
    # Someone who still owes the second factor is anonymous here (accounts.two_factor.SecondFactorMiddleware).
    if user is not None and user.is_authenticated:
        directives["script-src"] = [*directives["script-src"], "'unsafe-inline'"]
        # wagtail-localize's translation editor is a React app styled by styled-components, which injects
        # <style> elements; under style-src 'self' it throws and the editor stays blank
        # (tests/e2e/test_translation_workflow.py). No weaker than the inline scripts above.
        directives["style-src"] = [*directives.get("style-src", ["'self'"]), "'unsafe-inline'"]
    elif not response.streaming and response.get("Content-Type", "").startswith("text/html"):
        directives["script-src"] = [*directives["script-src"], *inline_script_hashes(response.content)]
    return directives


class PermissionsPolicyMiddleware:
    """Django has no setting for Permissions-Policy: the site uses no powerful browser feature, so
    every one listed in PERMISSIONS_POLICY is off, for embedded videos as well."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
