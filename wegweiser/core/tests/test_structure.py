"""The layout docs/structure.md describes, checked against the code so that it cannot drift."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
STRUCTURE_DOC = PACKAGE.parent / "docs" / "structure.md"

DOMAIN_APPS = (
    "accounts",
    "people",
    "cases",
    "courses",
    "recognition",
    "jobs",
    "occupations",
    "gdpr",
    "reporting",
    "appointments",
    "letters",
    "documents",
)
ROOMS = (
    "models.py",
    "services.py",
    "selectors.py",
    "forms.py",
    "views.py",
    "api.py",
    "urls.py",
    "templates",
    "tests",
)
# Rooms an app lacks, with the reason. Anything else missing fails the test.
MISSING: dict[tuple[str, str], str] = {
    ("reporting", "services.py"): "writes only its figure snapshots, in snapshots.py",
    ("reporting", "forms.py"): "its only form, the report filter, is a view helper in views.py",
    ("reporting", "api.py"): "statistics are offered as pages and downloads only",
    ("accounts", "services.py"): "staff accounts are written by django-allauth and the admin",
    ("accounts", "selectors.py"): "team scope is read through core.permissions",
    ("accounts", "api.py"): "no account data is offered to other systems",
    ("occupations", "selectors.py"): "reads: the coder and recognition's occupation search",
    ("occupations", "forms.py"): "no pages: searched through recognition's autocomplete",
    ("occupations", "views.py"): "no pages: searched through recognition's autocomplete",
    ("occupations", "api.py"): "no pages: searched through recognition's autocomplete",
    ("occupations", "urls.py"): "no pages: searched through recognition's autocomplete",
    ("occupations", "templates"): "no pages: searched through recognition's autocomplete",
    ("gdpr", "api.py"): "subject access and erasure are done by staff on pages, not by systems",
    ("letters", "forms.py"): "no pages of its own yet: letters are made by its services",
    ("letters", "views.py"): "no pages of its own yet: letters are made by its services",
    ("letters", "api.py"): "no pages of its own yet: letters are made by its services",
    ("letters", "urls.py"): "no pages of its own yet: letters are made by its services",
}
# Apps whose pages are being added: a room that arrives before its exception is removed is
# not an error for them.
GROWING_APPS = {"letters"}
STANDARD_MODULES = {"__init__.py", "apps.py", "admin.py", *ROOMS}


def _present_apps() -> list[str]:
    return [app for app in DOMAIN_APPS if (PACKAGE / app / "apps.py").exists()]


def _room(app: str, room: str) -> Path:
    return PACKAGE / app / "templates" / app if room == "templates" else PACKAGE / app / room


def test_every_domain_app_has_its_rooms() -> None:
    apps = _present_apps()
    assert {"people", "cases", "courses", "jobs"} <= set(apps)
    missing = [
        f"{app}/{room}"
        for app in apps
        for room in ROOMS
        if not _room(app, room).exists() and (app, room) not in MISSING
    ]
    assert not missing, f"rooms missing without a stated reason: {missing}"
    stale = [
        f"{app}/{room}"
        for app, room in MISSING
        if _room(app, room).exists() and app not in GROWING_APPS
    ]
    assert not stale, f"listed as missing but present (remove the exception): {stale}"


def test_every_module_beyond_the_rooms_is_named_in_the_structure_doc() -> None:
    """Writes live in services.py or a module named for the operation, reads in selectors.py
    or a module named for what it reads; docs/structure.md says which each extra module is."""
    doc = STRUCTURE_DOC.read_text(encoding="utf-8")
    unnamed = [
        f"{app}/{path.name}"
        for app in _present_apps()
        for path in sorted((PACKAGE / app).glob("*.py"))
        if path.name not in STANDARD_MODULES and f"`{app}/{path.name}`" not in doc
    ]
    assert not unnamed, f"modules not described in docs/structure.md: {unnamed}"


def _production_modules() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if not {"demo", "tests", "migrations"} & set(path.relative_to(PACKAGE).parts)
        and path.name != "conftest.py"
    ]


def _imports(tree: ast.AST, module: str) -> set[str]:
    names: set[str] = set()
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def test_no_production_module_imports_the_demo_generator() -> None:
    offenders = []
    for path in _production_modules():
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(relative.parts)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(
            name == "wegweiser.demo" or name.startswith("wegweiser.demo.")
            for name in _imports(tree, module)
        ):
            offenders.append(module)
    assert _production_modules(), "no modules found: the walk itself is broken"
    assert not offenders, f"production modules importing wegweiser.demo: {offenders}"


def test_the_import_walk_sees_relative_and_absolute_demo_imports() -> None:
    absolute = ast.parse("from wegweiser.demo.generator import generate")
    relative = ast.parse("from ..demo import generator")
    plain = ast.parse("import wegweiser.demo.jobs")
    assert "wegweiser.demo.generator" in _imports(absolute, "wegweiser.core.views")
    assert "wegweiser.demo.generator" in _imports(relative, "wegweiser.core.views")
    assert "wegweiser.demo.jobs" in _imports(plain, "wegweiser.core.views")
