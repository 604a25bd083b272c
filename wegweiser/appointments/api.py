from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Router, Schema

from wegweiser.core.types import AuthedRequest

from .models import Appointment
from .selectors import appointment_get_for_user, appointments_for_dashboard

router = Router(tags=["appointments"])


class AppointmentOut(Schema):
    id: int
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    room: str | None
    interpreter_language: str
    interpreter_booked: bool
    outcome: str
    caseworker_id: int
    case_id: int | None
    person_ids: list[int]

    @staticmethod
    def resolve_room(obj: Appointment) -> str | None:
        return obj.room.name if obj.room_id and obj.room else None

    @staticmethod
    def resolve_interpreter_booked(obj: Appointment) -> bool:
        return obj.interpreter_id is not None

    @staticmethod
    def resolve_person_ids(obj: Appointment) -> list[int]:
        return [p.person_id for p in obj.participants.all()]


@router.get("/mine", response=list[AppointmentOut])
def my_appointments(
    request: AuthedRequest, day_from: dt.date | None = None, day_to: dt.date | None = None
) -> list:
    """The user's own appointments from `day_from` (default today) to `day_to` (default a week
    later; at most a year)."""
    start = day_from or timezone.localdate()
    end = day_to or start + dt.timedelta(days=7)
    return appointments_for_dashboard(user=request.user, day_from=start, day_to=end)


@router.get("/{appointment_id}", response=AppointmentOut)
def get_appointment(request: AuthedRequest, appointment_id: int) -> object:
    return appointment_get_for_user(user=request.user, pk=appointment_id, purpose="api_appointment")
