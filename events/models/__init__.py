"""Every model of the events app: the pages and their inline parts, the registrations, the snippets."""

from .pages import (
    DayCapacity,
    EventDay,
    EventIndexPage,
    EventOrganiser,
    EventPage,
    ProgrammeSession,
    RegistrationFormField,
    RegistrationPage,
    SteeringGroupMember,
)
from .registrations import ManageToken, Registration, RegistrationDay
from .snippets import Organisation, ProgrammeChange

__all__ = [
    "DayCapacity",
    "EventDay",
    "EventIndexPage",
    "EventOrganiser",
    "EventPage",
    "ManageToken",
    "Organisation",
    "ProgrammeChange",
    "ProgrammeSession",
    "Registration",
    "RegistrationDay",
    "RegistrationFormField",
    "RegistrationPage",
    "SteeringGroupMember",
]
