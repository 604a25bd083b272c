"""The person page's documents panel."""

from __future__ import annotations

from typing import Any

from django import template

from wegweiser.documents.selectors import documents_for_person

register = template.Library()


@register.inclusion_tag("documents/partials/list.html", takes_context=True)
def person_documents_panel(context: template.Context, person: Any) -> dict[str, Any]:
    """`{% person_documents_panel person %}`: the person's documents with download links (the
    list read is audited); uploading and deleting are on the documents page."""
    request = context["request"]
    return {
        "person": person,
        "documents": documents_for_person(user=request.user, person=person),
        "manage": False,
        "request": request,
        "user": request.user,
    }
