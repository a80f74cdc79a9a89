"""The event's JSON-LD for search engines. Dates are in home's `dates` library."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from events.structured_data import event_json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def json_ld(context, event):
    """A data block, not a script: browsers never execute type="application/ld+json", so the strict
    CSP (script-src 'self') leaves it alone. <, > and & are escaped so that text can never close the tag."""
    data = event_json_ld(event, context["request"], context.get("organisers"))
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308  (escaped above)
