"""The audit log's hash chain, the checkpoints a purge leaves, and the counts of refused accesses.

Existing entries are chained in the order of their ids. The append-only triggers are removed
while the table changes shape (SQLite rebuilds the table) and installed again, extended to the
checkpoints and to `INSERT OR REPLACE`, at the end."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from wegweiser.core.chain import GENESIS, HASHED_FIELDS, entry_digest, normalise_address
from wegweiser.core.triggers import (
    install_audit_triggers,
    remove_audit_triggers,
    remove_legacy_audit_triggers,
)


def drop_triggers(apps, schema_editor):
    remove_legacy_audit_triggers(schema_editor.connection)
    remove_audit_triggers(schema_editor.connection)


def install_triggers(apps, schema_editor):
    install_audit_triggers(schema_editor.connection)


def chain_existing_entries(apps, schema_editor):
    connection = schema_editor.connection
    columns = [name for name in HASHED_FIELDS if name not in ("sequence", "previous_hash")]
    AuditEntry = apps.get_model("core", "AuditEntry")
    previous = GENESIS
    rows = AuditEntry.objects.order_by("id").values("id", *columns)
    with connection.cursor() as cursor:
        for sequence, row in enumerate(rows.iterator(chunk_size=2000), start=1):
            row["client_address"] = normalise_address(row["client_address"])
            row["sequence"] = sequence
            row["previous_hash"] = previous
            digest = entry_digest(row)
            cursor.execute(
                "UPDATE core_auditentry SET sequence = %s, previous_hash = %s, entry_hash = %s,"
                " client_address = %s WHERE id = %s",
                [sequence, previous, digest, row["client_address"], row["id"]],
            )
            previous = digest


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_triggers, install_triggers),
        migrations.CreateModel(
            name="AuditCheckpoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="time"),
                ),
                (
                    "actor_username",
                    models.CharField(blank=True, max_length=150, verbose_name="user name"),
                ),
                ("cutoff", models.DateTimeField(verbose_name="purged entries before")),
                (
                    "last_sequence",
                    models.PositiveBigIntegerField(
                        unique=True, verbose_name="last purged position"
                    ),
                ),
                (
                    "last_hash",
                    models.CharField(max_length=64, verbose_name="hash of the last purged entry"),
                ),
                (
                    "last_entry_at",
                    models.DateTimeField(verbose_name="time of the last purged entry"),
                ),
                ("purged", models.PositiveIntegerField(verbose_name="entries purged")),
            ],
            options={
                "verbose_name": "audit checkpoint",
                "verbose_name_plural": "audit checkpoints",
                "ordering": ["-last_sequence"],
            },
        ),
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(default="", max_length=64, verbose_name="hash"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(
                default="", max_length=64, verbose_name="hash of the previous entry"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(
                null=True, unique=True, verbose_name="position in the chain"
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("create", "created"),
                    ("update", "changed"),
                    ("delete", "deleted"),
                    ("read", "viewed"),
                    ("list", "listed"),
                    ("export", "exported"),
                    ("login", "logged in"),
                    ("logout", "logged out"),
                    ("login_failed", "login failed"),
                    ("confirm", "confirmed"),
                    ("handover", "handed over"),
                    ("refused", "access refused"),
                    ("purge", "purged"),
                ],
                db_index=True,
                max_length=16,
                verbose_name="action",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, verbose_name="time"
            ),
        ),
        migrations.CreateModel(
            name="AccessRefusal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("username", models.CharField(max_length=150, verbose_name="user name")),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("forbidden", "forbidden (403)"),
                            ("not_found", "not found (404)"),
                        ],
                        max_length=16,
                        verbose_name="reason",
                    ),
                ),
                ("view_name", models.CharField(max_length=100, verbose_name="page")),
                ("minute", models.DateTimeField(db_index=True, verbose_name="minute")),
                ("count", models.PositiveIntegerField(default=1, verbose_name="count")),
                (
                    "user",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "refused access",
                "verbose_name_plural": "refused accesses",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "reason", "view_name", "minute"),
                        name="access_refusal_per_minute",
                    )
                ],
            },
        ),
        migrations.RunPython(chain_existing_entries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="sequence",
            field=models.PositiveBigIntegerField(unique=True, verbose_name="position in the chain"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(max_length=64, verbose_name="hash of the previous entry"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(max_length=64, verbose_name="hash"),
        ),
        migrations.RunPython(install_triggers, drop_triggers),
    ]
