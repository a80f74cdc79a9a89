"""Every model of the events app: the pages, the programme, the organisers, the registration form and
the registrations."""

from .organisers import EventOrganiser, Organisation, SteeringGroupMember
from .pages import EventIndexPage, EventPage
from .programme import EventDay, ProgrammeChange, ProgrammeSession
from .registration_page import RegistrationFormField, RegistrationPage
from .registrations import DayCapacity, ManageToken, Registration, RegistrationDay

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
