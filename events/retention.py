"""Retention and erasure of registrations (GDPR storage limitation and art. 17)."""

from django.db import transaction
from django.utils import timezone

from outbox.models import OutboundEmail
from privacy import retention

from .capacity import lock_days, promote
from .mail import send_registration_mail
from .models import ManageToken, Registration, RegistrationDay


def anonymise_past_registrations(days: int) -> int:
    """Blank the personal data of registrations whose event ended `days` or more days ago. Day rows
    stay, so that attendance figures survive; mail about them is deleted."""
    cutoff = retention.retention_cutoff(days)
    due = Registration.objects.filter(event__end_date__lte=cutoff, anonymised_at__isnull=True)
    count = 0
    for registration in due.iterator():
        with transaction.atomic():
            OutboundEmail.objects.filter(reference=f"registration:{registration.pk}").delete()
            ManageToken.objects.filter(registration=registration).delete()
            Registration.objects.filter(pk=registration.pk).update(
                name="",
                email=retention.anonymised_email(registration.pk),
                answers={},
                anonymised_at=timezone.now(),
            )
        count += 1
    OutboundEmail.objects.filter(status=OutboundEmail.SENT, created_at__date__lte=cutoff).delete()
    return count


def erase_registrations(email: str) -> dict[str, int]:
    """Delete every registration made with `email` (registered with privacy.erasure). A freed place
    goes to the first person waiting, as with a cancellation."""
    erased = 0
    for registration in Registration.objects.filter(email=email):
        confirmed = registration.days_with(RegistrationDay.CONFIRMED)
        lock_days(confirmed)
        OutboundEmail.objects.filter(reference=f"registration:{registration.pk}").delete()
        registration.delete()
        erased += 1
        if registration.event.end_date >= timezone.localdate():
            for key in confirmed:
                for person in promote(key):
                    send_registration_mail(person, "promotion")
    return {"registrations": erased}
