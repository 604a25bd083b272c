"""The app map in docs/architecture.md is generated from the code and must match it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from django.conf import settings


def _app_map():
    path = Path(settings.BASE_DIR) / "scripts" / "app_map.py"
    spec = importlib.util.spec_from_file_location("app_map", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_documented_app_map_matches_the_imports():
    app_map = _app_map()
    assert app_map.current() == app_map.render(), (
        "docs/architecture.md's app map is stale: run `uv run python scripts/app_map.py --write`"
    )


def test_the_app_map_shows_a_real_dependency():
    edges = _app_map().app_imports()
    assert "people" in edges["cases"]
    assert "cases" not in edges["identity"]
