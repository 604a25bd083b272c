"""Spreadsheet uploads are read within limits, checked while reading: a small file that unpacks
to hundreds of megabytes is refused with a clear message before its text is read, in the
vacancy import and the list reconciliation alike."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from wegweiser.accounts.models import User
from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.core.spreadsheets import SpreadsheetRefused, guarded, xlsx_rows
from wegweiser.core.tests.factories import MunicipalityFactory
from wegweiser.jobs.models import Sector, Vacancy
from wegweiser.jobs.services import employer_create

MB = 1024 * 1024

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Stellen" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="A1:XFD1048576"/><sheetData>'
)


def crafted_xlsx(*, text_bytes: int = 0, header: str = "query_id", far_row: int = 0) -> bytes:
    """A workbook written member by member with zipfile streaming, so that building a cell of
    hundreds of megabytes needs no such memory: header in A1, `text_bytes` of 'A' in A2, and
    optionally one more cell at row `far_row`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD.encode())
            sheet.write(
                f'<row r="1"><c r="A1" t="inlineStr"><is><t>{header}</t></is></c></row>'.encode()
            )
            sheet.write(b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
            chunk = b"A" * MB
            for _ in range(text_bytes // MB):
                sheet.write(chunk)
            sheet.write(b"A" * (text_bytes % MB))
            sheet.write(b"</t></is></c></row>")
            if far_row:
                sheet.write(
                    f'<row r="{far_row}"><c r="A{far_row}" t="inlineStr"><is><t>x</t></is>'
                    "</c></row>".encode()
                )
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def workbook(*rows: list[object]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def measured(call):
    """Run `call` and return its result, the peak of Python memory it allocated, and seconds."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak, time.perf_counter() - started


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """200 MB of text in cell A2, packed into a few hundred kilobytes."""
    data = crafted_xlsx(text_bytes=200 * MB, header="Stellentitel")
    assert len(data) < 1 * MB
    return data


@pytest.fixture
def employer_user(caseworker):
    bakery = employer_create(
        actor=caseworker,
        name="Bäckerei Sonne",
        sector=Sector.MANUFACTURING,
        municipality=MunicipalityFactory(name="Gießen"),
    )
    return UserFactory(username="sonne", role=User.Role.EMPLOYER, organisation=bakery.organisation)


def test_the_crafted_workbook_is_a_real_workbook():
    rows = list(xlsx_rows(crafted_xlsx(text_bytes=10, header="Stellentitel")))
    assert rows[0] == (1, ("Stellentitel",))
    assert rows[1] == (2, ("A" * 10,))


@pytest.mark.django_db
def test_vacancy_import_refuses_a_spreadsheet_bomb_without_unpacking_it(
    client, employer_user, bomb
):
    client.force_login(employer_user)
    client.cookies["django_language"] = "en"
    upload = SimpleUploadedFile("stellen.xlsx", bomb)
    response, peak, seconds = measured(
        lambda: client.post(reverse("jobs:vacancy_import"), {"file": upload})
    )
    assert response.status_code == 422
    assert "unpacks to far more data than its size suggests" in response.content.decode()
    assert peak < 50 * MB, f"{peak / MB:.0f} MB"
    assert seconds < 30, f"{seconds:.1f} s"
    assert not Vacancy.objects.exists()


@pytest.mark.django_db
def test_list_reconciliation_refuses_a_spreadsheet_bomb_without_unpacking_it(
    client, caseworker, bomb
):
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    upload = SimpleUploadedFile("liste.xlsx", bomb)
    response, peak, _ = measured(
        lambda: client.post(reverse("people:reconcile"), {"upload": upload, "top": 3})
    )
    assert response.status_code == 422
    assert "unpacks to far more data than its size suggests" in response.content.decode()
    assert peak < 50 * MB, f"{peak / MB:.0f} MB"


@pytest.mark.django_db
def test_the_refusal_is_in_the_users_language(client, employer_user, bomb):
    client.force_login(employer_user)
    client.cookies["django_language"] = "de"
    upload = SimpleUploadedFile("stellen.xlsx", bomb)
    response = client.post(reverse("jobs:vacancy_import"), {"file": upload})
    assert "entpackt zu weit mehr Daten" in response.content.decode()


def test_a_moderate_ratio_below_the_member_limit_is_still_refused_by_its_ratio():
    # 8 MB of one letter: under the member size limit, but packed more than 100 to 1.
    with pytest.raises(SpreadsheetRefused):
        list(xlsx_rows(crafted_xlsx(text_bytes=8 * MB)))


def test_a_sheet_claiming_a_million_rows_is_refused_at_the_row_limit_quickly():
    data = crafted_xlsx(text_bytes=10, far_row=1_048_576)

    def read() -> str:
        try:
            list(xlsx_rows(data))
        except SpreadsheetRefused as refused:
            return str(refused)
        return ""

    message, peak, seconds = measured(read)
    assert message == "The file has more than 20,000 rows."
    assert peak < 20 * MB, f"{peak / MB:.0f} MB"
    assert seconds < 30, f"{seconds:.1f} s"


def test_a_long_cell_is_refused_with_its_row_and_column():
    data = workbook(["query_id", "given_name"], ["1", "x" * 4_001])
    with pytest.raises(SpreadsheetRefused, match="Row 2, column 2 holds more than 4,000") as e:
        list(xlsx_rows(data))
    assert (e.value.row, e.value.column) == (2, 2)


def test_a_row_wider_than_the_limit_is_refused():
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "query_id"
    sheet.cell(row=2, column=16_384, value="far")
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(SpreadsheetRefused, match="more than 100 columns"):
        list(xlsx_rows(buffer.getvalue()))


def test_csv_rows_pass_the_same_checks():
    rows = enumerate([["a", "b"], ["c", "y" * 5_000]], start=1)
    with pytest.raises(SpreadsheetRefused, match="Row 2, column 2"):
        list(guarded(rows))


@pytest.mark.django_db
def test_reconciliation_of_a_csv_with_a_long_cell_says_so(client, caseworker):
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    text = "query_id,given_name,family_name\n1,Ali," + "R" * 5_000 + "\n"
    upload = SimpleUploadedFile("liste.csv", text.encode())
    response = client.post(reverse("people:reconcile"), {"upload": upload, "top": 3})
    assert response.status_code == 422
    assert "Row 2, column 3 holds more than 4,000 characters" in response.content.decode()
