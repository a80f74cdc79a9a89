"""The secretariat's pipeline of interest cases: a submission opens a case (InterestCase.submit), the
secretariat matches it with cases and partners of the other country, makes draft partner profiles and
partnerships from it, and retention and erasure end it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from outbox.models import OutboundEmail
from privacy import retention

from .mail import send_draft_profile_mail
from .models import (
    CaseEvent,
    CaseStatus,
    Country,
    InterestCase,
    OrganisationKind,
    PartnerKind,
    PartnerPage,
    Partnership,
    PartnershipsIndexPage,
    PartnershipStatus,
    Theme,
)

# --- Matching and actions ------------------------------------------------------------------------

OTHER_COUNTRY = {Country.NORWAY: Country.UKRAINE, Country.UKRAINE: Country.NORWAY}


def score(offered: set, needed: set, their_offered: set, their_needed: set) -> dict:
    """Complementary themes (my offers ∩ their needs, my needs ∩ their offers) count two points each,
    any other shared theme one point."""
    gives = offered & their_needed
    gets = needed & their_offered
    shared = (offered | needed) & (their_offered | their_needed)
    other_shared = shared - gives - gets
    return {
        "score": 2 * (len(gives) + len(gets)) + len(other_shared),
        "gives": sorted(gives),
        "gets": sorted(gets),
        "shared": sorted(other_shared),
    }


def suggested_matches(case: InterestCase, limit: int = 10) -> list[dict]:
    """Cases and partner profiles looking for a partner in the other country, best first."""
    other = OTHER_COUNTRY.get(case.country)
    if other is None:
        return []
    offered, needed = set(case.themes_offered), set(case.themes_needed)
    candidates = []
    for other_case in InterestCase.objects.filter(country=other).exclude(status=CaseStatus.CLOSED):
        result = score(offered, needed, set(other_case.themes_offered), set(other_case.themes_needed))
        candidates.append({"kind": "case", "object": other_case, **result})
    partners = PartnerPage.objects.filter(
        country=other, looking_for_partner=True, locale=Locale.get_default()
    ).prefetch_related("themes_offered", "themes_needed")
    for partner in partners:
        result = score(
            offered,
            needed,
            {theme.slug for theme in partner.themes_offered.all()},
            {theme.slug for theme in partner.themes_needed.all()},
        )
        candidates.append({"kind": "partner", "object": partner, **result})
    candidates = [candidate for candidate in candidates if candidate["score"] > 0]
    candidates.sort(key=lambda candidate: (-candidate["score"], str(candidate["object"])))
    return candidates[:limit]


KIND_TO_PARTNER = {
    (OrganisationKind.MUNICIPALITY, Country.NORWAY): PartnerKind.NO_MUNICIPALITY,
    (OrganisationKind.MUNICIPALITY, Country.UKRAINE): PartnerKind.UA_MUNICIPALITY,
    (OrganisationKind.COUNTY, Country.NORWAY): PartnerKind.NO_COUNTY,
    (OrganisationKind.COUNTY, Country.UKRAINE): PartnerKind.UA_OBLAST,
}


def create_draft_partner(case: InterestCase, user=None) -> PartnerPage:
    """An unpublished partner profile under the nb index, prefilled from the case (once); each editor
    is told by mail, and finds it on their dashboard until it is published."""
    if case.partner_page_id:
        return case.partner_page
    index = PartnershipsIndexPage.objects.filter(locale=Locale.get_default()).first()
    if index is None:
        raise ValidationError(_("There is no partnerships index in Norwegian to put the profile under."))
    kind = KIND_TO_PARTNER.get((case.kind, case.country)) or (
        PartnerKind.BUSINESS if case.kind == OrganisationKind.BUSINESS else PartnerKind.ORGANISATION
    )
    page = PartnerPage(
        title=case.organisation,
        kind=kind,
        country=case.country,
        region=case.region,
        population=case.size if case.kind in {OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY} else None,
        looking_for_partner=True,
        live=False,
    )
    with transaction.atomic():
        index.add_child(instance=page)
        page.themes_offered.set(Theme.objects.filter(slug__in=case.themes_offered, locale=Locale.get_default()))
        page.themes_needed.set(Theme.objects.filter(slug__in=case.themes_needed, locale=Locale.get_default()))
        page.save_revision(user=user)
        case.partner_page = page
        case.save(changed_by=user)
        CaseEvent.objects.create(case=case, user=user, field="partner_page", new_value=page.title)
        send_draft_profile_mail(page, case, made_by=user)
    return page


def link_partnership(case: InterestCase, other, user=None) -> Partnership:
    """A partnership (status interest) between this case and another case or a partner profile of the
    other country. Cases without a profile get a draft one first."""
    mine = create_draft_partner(case, user)
    theirs = create_draft_partner(other, user) if isinstance(other, InterestCase) else other
    if mine.country == theirs.country or {mine.country, theirs.country} != {Country.NORWAY, Country.UKRAINE}:
        raise ValidationError(_("A partnership needs one partner in Norway and one in Ukraine."))
    norwegian, ukrainian = (mine, theirs) if mine.country == Country.NORWAY else (theirs, mine)
    with transaction.atomic():
        partnership, _created = Partnership.objects.get_or_create(
            norwegian_partner=norwegian,
            ukrainian_partner=ukrainian,
            defaults={"status": PartnershipStatus.INTEREST},
        )
        for linked in [case, other] if isinstance(other, InterestCase) else [case]:
            if linked.status in {CaseStatus.NEW, CaseStatus.IN_DIALOGUE}:
                linked.status = CaseStatus.MATCHED
                linked.save(changed_by=user)
            CaseEvent.objects.create(case=linked, user=user, field="partnership", new_value=str(partnership))
    return partnership


# --- Retention ------------------------------------------------------------------------------------


def erase_person(email: str) -> dict:
    """Delete every case (and its history and mail) sent from `email`."""
    email = email.strip().lower()
    cases = list(InterestCase.objects.filter(email__iexact=email))
    for case in cases:
        OutboundEmail.objects.filter(reference=f"interest:{case.pk}").delete()
        case.delete()
    return {"interest cases": len(cases)}


def erase_closed_cases(days: int) -> int:
    """Delete cases closed (and untouched since) `days` or more days ago, with their history and mail.
    Cases that led to a partnership keep living as the partner profile and the partnership."""
    cutoff = retention.retention_cutoff(days)
    due = list(
        InterestCase.objects.filter(status=CaseStatus.CLOSED, updated_at__date__lte=cutoff).values_list("pk", flat=True)
    )
    OutboundEmail.objects.filter(reference__in=[f"interest:{pk}" for pk in due]).delete()
    InterestCase.objects.filter(pk__in=due).delete()
    return len(due)
