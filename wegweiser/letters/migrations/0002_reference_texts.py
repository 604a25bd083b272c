"""The letter texts shipped with Wegweiser (German and nine translations), all as drafts."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from wegweiser.letters.reference_texts import load_reference_texts

    load_reference_texts(apps.get_model("letters", "LetterText"))


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
