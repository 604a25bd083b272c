"""iCalendar (RFC 5545) for appointments: the staff member's feed and the person's invitation.

The feed leaves the centre (it is read by calendar programs on phones), so it carries no client
names or other personal data: only the kind, the time, the place and the person numbers."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Appointment

PRODID = "-//Wegweiser//Appointments//DE"


def _uid(appointment: Appointment) -> str:
    return f"appointment-{appointment.pk}@{settings.WEGWEISER_CALENDAR_DOMAIN}"


def _calendar(method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def _event(appointment: Appointment, summary: str, location: str) -> Event:
    event = Event()
    event.add("uid", _uid(appointment))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", appointment.starts_at)
    event.add("dtend", appointment.ends_at)
    event.add("summary", summary)
    if location:
        event.add("location", location)
    event.add("sequence", appointment.reschedules.count())
    event.add("status", "CANCELLED" if appointment.is_cancelled else "CONFIRMED")
    return event


def _location(appointment: Appointment) -> str:
    if appointment.place == Appointment.Place.VIDEO:
        return appointment.video_link
    if appointment.place == Appointment.Place.PARTNER:
        return appointment.place_detail
    return appointment.place_label


def staff_feed(appointments: Iterable[Appointment]) -> bytes:
    """A staff member's feed: kind, time, place and person numbers, nothing else."""
    calendar = _calendar()
    calendar.add("x-wr-calname", "Wegweiser")
    for appointment in appointments:
        numbers = ", ".join(str(p.person_id) for p in appointment.participants.all())
        summary = _("%(kind)s · person no. %(numbers)s") % {
            "kind": appointment.get_kind_display(),
            "numbers": numbers,
        }
        calendar.add_component(_event(appointment, summary, appointment.place_label))
    return calendar.to_ical()


def invitation(appointment: Appointment, *, language: str) -> bytes:
    """The invitation for the person: the appointment with the centre, in their language where
    the interface speaks it (German otherwise)."""
    with translation.override(language):
        summary = _("%(kind)s at the migration centre") % {"kind": appointment.get_kind_display()}
        calendar = _calendar(method="PUBLISH")
        calendar.add_component(_event(appointment, summary, _location(appointment)))
        return calendar.to_ical()
