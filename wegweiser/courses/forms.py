from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation, User
from wegweiser.core.forms import KernFormMixin
from wegweiser.core.models import Municipality

from .models import (
    CEFR,
    Childcare,
    Course,
    CourseKind,
    CourseLocation,
    Enrolment,
    Entitlement,
    Exam,
    ExamResult,
    LevelRecord,
    TimeOfDay,
    WaitingEntry,
    Weekday,
    first_of_month,
)


def _municipalities() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("name")


class LocationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.provider}: {obj}"


class OpenCourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        starts = formats.date_format(obj.starts_on, "SHORT_DATE_FORMAT")
        return f"{obj.title}, {obj.location.municipality}, {starts} ({obj.free})"


class CourseFilterForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("course type"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("municipality"), required=False, queryset=Municipality.objects.none()
    )
    provider = forms.ModelChoiceField(
        label=_("course provider"), required=False, queryset=Organisation.objects.none()
    )
    period = forms.ChoiceField(
        label=_("period"),
        required=False,
        choices=[
            ("", _("all")),
            ("current", _("running or starting later")),
            ("running", _("running now")),
            ("upcoming", _("not started yet")),
            ("ended", _("ended")),
        ],
    )
    starting_from = forms.DateField(label=_("starting from"), required=False)
    free_seats_only = forms.BooleanField(label=_("only with free seats"), required=False)

    def __init__(self, *args: Any, providers: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", _("all"))]
        cast(forms.ChoiceField, self.fields["kind"]).choices = blank + list(CourseKind.choices)
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = _municipalities()
        municipality.empty_label = str(_("all"))
        provider = cast(forms.ModelChoiceField, self.fields["provider"])
        provider.queryset = providers
        provider.empty_label = str(_("all"))


class LocationForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = CourseLocation
        fields = ["provider", "name", "street", "municipality"]

    def __init__(self, *args: Any, user: User, providers: QuerySet[Organisation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        if user.is_course_provider:
            del self.fields["provider"]
        else:
            cast(forms.ModelChoiceField, self.fields["provider"]).queryset = providers
        cast(forms.ModelChoiceField, self.fields["municipality"]).queryset = _municipalities()


class CourseForm(KernFormMixin, forms.ModelForm):
    weekdays = forms.MultipleChoiceField(label=_("course days"), choices=Weekday.choices)

    class Meta:
        model = Course
        fields = [
            "provider",
            "title",
            "kind",
            "location",
            "bamf_number",
            "starts_on",
            "ends_on",
            "time_of_day",
            "weekdays",
            "units",
            "seats",
            "childcare",
            "entry_level",
            "target_level",
        ]
        field_classes = {"location": LocationChoiceField}

    def __init__(
        self,
        *args: Any,
        user: User,
        providers: QuerySet[Organisation],
        locations: QuerySet[CourseLocation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if user.is_course_provider:
            del self.fields["provider"]
        else:
            cast(forms.ModelChoiceField, self.fields["provider"]).queryset = providers
        cast(forms.ModelChoiceField, self.fields["location"]).queryset = locations
        self.fields["weekdays"].widget.attrs["size"] = "7"
        if self.instance.pk:
            self.initial["weekdays"] = list(self.instance.weekdays)
        cast(forms.ChoiceField, self.fields["entry_level"]).choices = [
            ("", _("no German required")),
            *CEFR,
        ]

    def clean_weekdays(self) -> str:
        return "".join(sorted(self.cleaned_data["weekdays"]))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        provider = data.get("provider") or getattr(self.instance, "provider", None)
        location = data.get("location")
        if "provider" in self.fields and provider and location and location.provider != provider:
            self.add_error("location", _("Choose one of this provider's locations."))
        return data


class EntitlementForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Entitlement
        fields = ["kind", "issuer", "issued_on", "valid_until", "reference"]


class WaitingEntryForm(KernFormMixin, forms.ModelForm):
    work_times = forms.MultipleChoiceField(
        label=_("works at these times"),
        choices=TimeOfDay.choices,
        required=False,
        help_text=_("Courses at these times of day are not offered."),
    )

    class Meta:
        model = WaitingEntry
        fields = ["kind", "municipality", "registered_on", "childcare", "work_times"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["municipality"]).queryset = _municipalities()
        self.fields["work_times"].widget.attrs["size"] = "3"
        self.initial.setdefault("registered_on", dt.date.today())
        self.initial.setdefault("childcare", Childcare.NONE)

    def clean_work_times(self) -> str:
        return ",".join(self.cleaned_data["work_times"])


class WaitingCloseForm(KernFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("closing reason"), choices=WaitingEntry.ClosingReason.choices
    )


class LevelRecordForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = LevelRecord
        fields = ["level", "assessed_on", "source", "test_name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Exam results are recorded as exams; their level follows from the result.
        cast(forms.ChoiceField, self.fields["source"]).choices = [
            c for c in LevelRecord.Source.choices if c[0] != LevelRecord.Source.EXAM
        ]
        self.initial.setdefault("assessed_on", dt.date.today())


class OfferForm(KernFormMixin, forms.Form):
    course = OpenCourseChoiceField(
        label=_("course"),
        queryset=Course.objects.none(),
        help_text=_("Courses that have not ended; free seats in brackets."),
    )

    def __init__(self, *args: Any, courses: QuerySet[Course], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["course"]).queryset = courses


class EnrolmentStatusForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("new status"))
    reason = forms.ChoiceField(
        label=_("reason"),
        required=False,
        help_text=_("Needed for an interruption or a drop-out."),
    )

    def __init__(self, *args: Any, enrolment: Enrolment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Enrolment.Status.choices)
        cast(forms.ChoiceField, self.fields["status"]).choices = [
            (s, labels[s]) for s in enrolment.next_statuses
        ]
        cast(forms.ChoiceField, self.fields["reason"]).choices = [
            ("", "-"),
            *Enrolment.Reason.choices,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") in Enrolment.NEEDS_REASON and not data.get("reason"):
            self.add_error("reason", _("Give the reason."))
        return data


def _months(course: Course, today: dt.date) -> list[tuple[str, str]]:
    months = []
    month = first_of_month(course.starts_on)
    last = min(first_of_month(course.ends_on), first_of_month(today))
    while month <= last:
        months.append((month.isoformat(), formats.date_format(month, "YEAR_MONTH_FORMAT")))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


class AttendanceForm(KernFormMixin, forms.Form):
    month = forms.TypedChoiceField(label=_("month"), coerce=dt.date.fromisoformat)
    percent = forms.DecimalField(
        label=_("attendance in percent"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=4,
        decimal_places=1,
        error_messages={
            "max_value": _("Attendance cannot be more than %(limit_value)s %%."),
            "min_value": _("Attendance cannot be below %(limit_value)s %%."),
        },
    )

    def __init__(self, *args: Any, course: Course, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = _months(course, today)
        cast(forms.ChoiceField, self.fields["month"]).choices = choices
        if choices:
            self.initial.setdefault("month", choices[-1][0])
        else:
            self.fields["month"].error_messages["required"] = _(
                "The course has not started yet; attendance is recorded from its first month."
            )


class ExamForm(KernFormMixin, forms.ModelForm):
    points = forms.IntegerField(
        label=_("points"),
        required=False,
        min_value=0,
        error_messages={"min_value": _("Points cannot be negative.")},
        help_text=_(
            "Leben in Deutschland: correct answers of 33 (15 pass the orientation course, "
            "17 count as the naturalisation test); telc up to 300, Goethe up to 100."
        ),
    )

    class Meta:
        model = ExamResult
        fields = ["exam", "taken_on", "level_reached", "points", "certificate"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["exam"]).choices = list(Exam.choices)
        cast(forms.ChoiceField, self.fields["level_reached"]).choices = [
            ("", _("no level reached")),
            *CEFR,
        ]


class WaitingFilterForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("course type"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("municipality"), required=False, queryset=Municipality.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("all")), *CourseKind.choices]
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = _municipalities()
        municipality.empty_label = str(_("all"))
