from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from wegweiser.core.downloads import attachment, renderer_for


def test_a_format_the_view_does_not_offer_is_not_found() -> None:
    renderers = {"csv": bytes}
    assert renderer_for(renderers, "csv") is bytes
    with pytest.raises(Http404):
        renderer_for(renderers, "xlsx")
    with pytest.raises(Http404):
        renderer_for({"pdf": bytes}, "pdf")  # no content type known for it


def test_attachment_is_a_dated_download_of_the_right_type() -> None:
    response = attachment(b"a;b\n", name="unmet-demand", fmt="csv", on=dt.date(2026, 3, 1))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="unmet-demand-2026-03-01.csv"'
    assert response.content == b"a;b\n"
