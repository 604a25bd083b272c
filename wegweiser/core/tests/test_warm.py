"""A new server worker loads the URL modules, the busiest pages' templates and the
translations before its first request (`WEGWEISER_WARM_UP`)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.template.loader import get_template

from wegweiser.core.warm import TEMPLATES, warm_up


def test_the_warm_up_runs_and_names_templates_that_exist():
    assert "wegweiser.core.warm.warm_up" in settings.WEGWEISER_WARM_UP
    warm_up()
    for name in TEMPLATES:
        get_template(name)  # a renamed template would make the warm-up skip it silently


@pytest.mark.django_db
def test_a_page_answers_after_the_warm_up(client, caseworker):
    warm_up()
    client.force_login(caseworker)
    assert client.get("/cases/").status_code == 200


def test_a_warmed_worker_keeps_what_it_built_out_of_the_garbage_collector(monkeypatch):
    import gc
    import logging

    from wegweiser.core.management.server import warm_worker

    ran = []
    monkeypatch.setattr(settings, "WEGWEISER_WARM_UP", ["wegweiser.core.warm.warm_up"])
    monkeypatch.setattr("wegweiser.core.warm.warm_up", lambda: ran.append(True))

    class Worker:
        log = logging.getLogger("test")

    try:
        warm_worker(Worker())
        assert ran == [True]
        # Objects alive after the warm-up are frozen: a full collection no longer walks them.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
