"""The audit log is append-only in the database itself, not only in the ORM."""

from django.db import migrations

from wegweiser.core.triggers import install_legacy_audit_triggers, remove_legacy_audit_triggers


def forwards(apps, schema_editor):
    install_legacy_audit_triggers(schema_editor.connection)


def backwards(apps, schema_editor):
    remove_legacy_audit_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
