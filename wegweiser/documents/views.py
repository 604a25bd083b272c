"""Document pages: the person's documents with the upload form, download, preview, delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wegweiser.core.downloads import stored_file
from wegweiser.core.forms import apply_errors
from wegweiser.core.permissions import require_case_work
from wegweiser.core.types import AuthedRequest
from wegweiser.people.selectors import person_get_for_user

from . import selectors, services
from .forms import DocumentForm


@require_http_methods(["GET", "POST"])
@require_case_work
def person_documents_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """The person's documents; POST uploads one (a duplicate is offered as the existing one)."""
    person = person_get_for_user(user=request.user, pk=pk, purpose="person_documents")
    form = DocumentForm(request.POST or None, request.FILES or None, person=person)
    context: dict[str, Any] = {"person": person}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            upload = form.cleaned_data["file"]
            try:
                services.document_upload(
                    actor=request.user,
                    person=person,
                    content=upload.read(),
                    original_name=upload.name or "",
                    **data,
                )
            except services.DuplicateDocument as duplicate:
                context["existing"] = duplicate.existing
                apply_errors(form, duplicate)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The document was kept."))
                return redirect("documents:person", pk=person.pk)
        status = 422
    documents = selectors.documents_for_person(user=request.user, person=person)
    context |= {"form": form, "documents": documents}
    return render(request, "documents/person.html", context, status=status)


@require_GET
@require_case_work
def document_download_view(request: AuthedRequest, pk: int) -> HttpResponse:
    document, handle = selectors.document_open(user=request.user, pk=pk)
    return stored_file(
        handle,
        filename=selectors.document_filename(document),
        content_type=document.content_type,
    )


@require_GET
@require_case_work
def document_preview_view(request: AuthedRequest, pk: int) -> HttpResponse:
    document, handle = selectors.document_open(user=request.user, pk=pk, preview=True)
    return stored_file(
        handle, filename=f"preview-{document.pk}.jpg", content_type="image/jpeg", inline=True
    )


@require_POST
@require_case_work
def document_delete_view(request: AuthedRequest, pk: int) -> HttpResponse:
    document = selectors.document_get_for_user(user=request.user, pk=pk, purpose="document_delete")
    person_pk = document.person_id
    services.document_delete(actor=request.user, document=document)
    messages.success(request, _("The document was deleted."))
    return redirect("documents:person", pk=person_pk)
