"""The audit log is append-only in the database itself, not only in the ORM."""

from django.db import migrations

from wegweiser.core.triggers import install_audit_triggers, remove_audit_triggers


def forwards(apps, schema_editor):
    install_audit_triggers(schema_editor.connection)


def backwards(apps, schema_editor):
    remove_audit_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
