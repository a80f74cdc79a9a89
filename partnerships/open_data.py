"""The open data: every partner and partnership an index lists, as JSON and CSV, at addresses that are
the same in every language."""

import json
from decimal import Decimal

from django.http import Http404, HttpResponse

from home.sites import absolute_url
from privacy import exports

from .models import PartnerPage
from .models.pages import describe_partnerships
from .models.snippets import themes_by_page
from .queries import by_name, partners_of, partnerships_of


def plain(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def data_response(request, rows: list[dict], name: str, fmt: str) -> HttpResponse:
    if fmt == "json":
        body = json.dumps({"count": len(rows), "results": rows}, ensure_ascii=False, indent=2, default=str)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif fmt == "csv":
        columns = list(rows[0]) if rows else []
        cells = [[" ".join(v) if isinstance(v, list) else v for v in row.values()] for row in rows]
        response = exports.csv_response(name, columns, cells)
    else:
        raise Http404
    response["Access-Control-Allow-Origin"] = "*"
    return response


def partners_data(request, index, fmt):
    partners = by_name(partners_of(index), index.locale.language_code)
    themes = themes_by_page(PartnerPage, partners, "themes_offered", "themes_needed")
    rows = [
        {
            "id": partner.pk,
            "translation_key": str(partner.translation_key),
            "name": partner.title,
            "kind": partner.kind,
            "kind_label": str(partner.get_kind_display()),
            "country": partner.country,
            "region": partner.region,
            "population": partner.population,
            "website": partner.website,
            "contact_email": partner.contact_email,
            "contact_phone": partner.contact_phone,
            "latitude": plain(partner.latitude),
            "longitude": plain(partner.longitude),
            "looking_for_partner": partner.looking_for_partner,
            "themes_offered": [t.slug for t in themes[partner.pk]["themes_offered"]],
            "themes_needed": [t.slug for t in themes[partner.pk]["themes_needed"]],
            "url": absolute_url(partner.get_url(request=request)),
        }
        for partner in partners
    ]
    return data_response(request, rows, f"partners-{index.locale.language_code}", fmt)


def partnerships_data(request, index, fmt):
    views = describe_partnerships(partnerships_of(index), index.locale)

    def url(page):
        return absolute_url(page.get_url(request=request)) if page else ""

    rows = [
        {
            "id": view.partnership.pk,
            "title": view.title,
            "name": view.partnership.name_in(index.locale.language_code),
            "norwegian_partner": view.norwegian.title,
            "norwegian_partner_url": url(view.norwegian),
            "ukrainian_partner": view.ukrainian.title,
            "ukrainian_partner_url": url(view.ukrainian),
            "project_manager": view.coordinator.title if view.coordinator else "",
            "status": view.status,
            "status_label": str(view.status_label),
            "date_signed": view.partnership.date_signed.isoformat() if view.partnership.date_signed else None,
            "themes": [t.slug for t in view.themes],
            "agreement_document": url_of_document(request, view.partnership.agreement_document),
            "stories": [url(story) for story in view.stories],
        }
        for view in views
    ]
    return data_response(request, rows, f"partnerships-{index.locale.language_code}", fmt)


def url_of_document(request, document) -> str:
    return absolute_url(document.url) if document else ""
