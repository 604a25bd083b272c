import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_caseworker_sees_own_case_page(client, caseworker, case):
    client.force_login(caseworker)
    response = client.get(reverse("people:detail", args=[case.person_id]))
    assert response.status_code == 200
    assert case.person.family_name_latin in response.content.decode()
