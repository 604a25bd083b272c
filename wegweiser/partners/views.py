"""Pages of the partner directory and of referrals. Case workers search the directory and
refer; administrators and team leads maintain it; a partner's staff see the referrals made to
them and record their answer, progress and feedback."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wegweiser.core.forms import apply_errors
from wegweiser.core.permissions import require_case_work
from wegweiser.core.types import AuthedRequest
from wegweiser.letters.pdf import PdfUnavailable
from wegweiser.people.selectors import person_get_for_user

from . import services
from .forms import (
    ContactForm,
    DirectoryFilterForm,
    PartnerCreateForm,
    PartnerForm,
    ReferralForm,
    StepForm,
)
from .models import Referral
from .pdf import referral_letter_pdf, referral_reference
from .selectors import (
    DirectoryFilters,
    consents_for_referral,
    contact_get_for_user,
    matching_consent,
    own_partner,
    partner_contacts,
    partner_get_for_user,
    partner_inbox_page,
    partner_open_referrals,
    partner_search,
    partners_for_referral,
    referral_get_for_user,
    shared_data,
)

View = Callable[..., HttpResponse]


def _status(*forms: BaseForm | None) -> int:
    return 422 if any(form is not None and form.errors for form in forms) else 200


def require_maintainer(view: View) -> View:
    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not services.may_maintain_directory(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def require_referral_access(view: View) -> View:
    """Referral pages: case work, and a partner's staff (for their own referrals)."""

    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (request.user.works_cases or request.user.is_partner_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def require_partner_staff(view: View) -> View:
    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_partner_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# The directory ---------------------------------------------------------------------------


@require_GET
@require_case_work
def directory_view(request: AuthedRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = DirectoryFilters()
    if form.is_valid():
        data = form.cleaned_data
        municipality = data.get("municipality")
        filters = DirectoryFilters(
            q=data.get("q") or "",
            need=data.get("need") or "",
            language=data.get("language") or "",
            municipality=municipality.pk if municipality else None,
            kind=data.get("kind") or "",
        )
    partners = partner_search(user=request.user, filters=filters)
    return render(
        request,
        "partners/directory.html",
        {
            "form": form,
            "partners": partners,
            "may_maintain": services.may_maintain_directory(request.user),
        },
    )


@require_GET
@require_case_work
def partner_view(request: AuthedRequest, pk: int) -> HttpResponse:
    partner = partner_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "partners/partner.html",
        {
            "partner": partner,
            "contacts": partner_contacts(partner=partner),
            "open_referrals": partner_open_referrals(user=request.user, partner=partner),
            "may_maintain": services.may_maintain_directory(request.user),
            "contact_form": ContactForm()
            if services.may_maintain_directory(request.user)
            else None,
        },
    )


@require_http_methods(["GET", "POST"])
@require_maintainer
def partner_create_view(request: AuthedRequest) -> HttpResponse:
    form = PartnerCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "name"}
        try:
            partner = services.partner_create(
                actor=request.user, name=form.cleaned_data["name"], data=data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The partner was added to the directory."))
            return redirect("partners:partner", pk=partner.pk)
    return render(
        request,
        "partners/form.html",
        {"form": form, "title": _("New partner")},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
@require_maintainer
def partner_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    partner = partner_get_for_user(user=request.user, pk=pk)
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(
                actor=request.user,
                partner=partner,
                data={k: form.cleaned_data[k] for k in form.changed_data},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The partner was saved."))
            return redirect("partners:partner", pk=partner.pk)
    return render(
        request,
        "partners/form.html",
        {"form": form, "title": partner.name, "partner": partner},
        status=_status(form),
    )


@require_POST
@require_maintainer
def contact_add_view(request: AuthedRequest, pk: int) -> HttpResponse:
    partner = partner_get_for_user(user=request.user, pk=pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.partner_contact_add(
                actor=request.user, partner=partner, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
    if form.errors:
        return render(
            request,
            "partners/partner.html",
            {
                "partner": partner,
                "contacts": partner_contacts(partner=partner),
                "open_referrals": partner_open_referrals(user=request.user, partner=partner),
                "may_maintain": True,
                "contact_form": form,
            },
            status=422,
        )
    messages.success(request, _("The contact person was added."))
    return redirect("partners:partner", pk=partner.pk)


@require_POST
@require_maintainer
def contact_remove_view(request: AuthedRequest, pk: int, contact: int) -> HttpResponse:
    partner = partner_get_for_user(user=request.user, pk=pk)
    services.partner_contact_remove(
        actor=request.user,
        contact=contact_get_for_user(user=request.user, partner=partner, pk=contact),
    )
    messages.success(request, _("The contact person was removed."))
    return redirect("partners:partner", pk=partner.pk)


# Referrals -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_case_work
def refer_view(request: AuthedRequest, pk: int) -> HttpResponse:
    person = person_get_for_user(user=request.user, pk=pk, purpose="referral_create")
    instance = Referral(person=person, created_by=request.user, drafted_on=timezone.localdate())
    initial: dict[str, Any] = {"shared_fields": ["name"]}
    if request.GET.get("partner", "").isdigit():
        initial["partner"] = int(request.GET["partner"])
    if request.GET.get("purpose"):
        initial["purpose"] = request.GET["purpose"]
    form = ReferralForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        partners=partners_for_referral(),
        consents=consents_for_referral(person=person),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.referral_create(
                actor=request.user,
                person=person,
                partner=data["partner"],
                purpose=data["purpose"],
                shared_fields=data["shared_fields"],
                consent=data.get("consent"),
                legal_basis=data.get("legal_basis") or "",
                message=data.get("message") or "",
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The referral was drafted. Check it and send it."))
            return redirect("partners:referral", pk=referral.pk)
    suggestion = None
    if (
        form.is_bound
        and form.errors
        and form.cleaned_data.get("partner")
        and form.cleaned_data.get("purpose")
    ):
        suggestion = matching_consent(
            person=person,
            partner=form.cleaned_data["partner"],
            purpose=form.cleaned_data["purpose"],
        )
    return render(
        request,
        "partners/refer.html",
        {"form": form, "person": person, "suggestion": suggestion},
        status=_status(form),
    )


def _steps(request: AuthedRequest, referral: Referral) -> list[tuple[str, Any]]:
    steps = Referral.NEXT.get(referral.status, ())
    if request.user.is_partner_staff:
        steps = tuple(s for s in steps if s in services.PARTNER_STEPS)
    return [(s, Referral.Status(s).label) for s in steps]


@require_http_methods(["GET", "POST"])
@require_referral_access
def referral_view(request: AuthedRequest, pk: int) -> HttpResponse:
    referral = referral_get_for_user(user=request.user, pk=pk)
    steps = _steps(request, referral)
    form = StepForm(request.POST or None, steps=steps) if steps else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.referral_record(
                    actor=request.user,
                    referral=referral,
                    status=data["status"],
                    on=data.get("on"),
                    reason=data.get("reason") or "",
                    feedback=data.get("feedback") or "",
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if data["status"] == "sent" and referral.partner.channel == "email":
                    messages.success(request, _("The referral was sent by e-mail to the partner."))
                else:
                    messages.success(request, _("The referral was saved."))
                return redirect("partners:referral", pk=referral.pk)
    return render(
        request,
        "partners/referral.html",
        {
            "referral": referral,
            "shared": shared_data(referral),
            "form": form,
            "reference": referral_reference(referral),
            "partner_view": request.user.is_partner_staff,
        },
        status=_status(form),
    )


@require_GET
@require_referral_access
def referral_pdf_view(request: AuthedRequest, pk: int) -> HttpResponse:
    referral = referral_get_for_user(user=request.user, pk=pk, purpose="referral_letter")
    try:
        content = referral_letter_pdf(referral)
    except PdfUnavailable:
        messages.error(request, _("PDF letters cannot be made on this server."))
        return redirect("partners:referral", pk=referral.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{referral_reference(referral)}.pdf"'
    return response


@require_GET
@require_partner_staff
def inbox_view(request: AuthedRequest) -> HttpResponse:
    page = partner_inbox_page(user=request.user, page_number=request.GET.get("page"))
    return render(
        request,
        "partners/inbox.html",
        {
            "partner": own_partner(request.user),
            "referrals": page,
            "page": page,
            "today": timezone.localdate(),
        },
    )
