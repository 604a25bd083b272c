"""Name keys compare by code point on PostgreSQL too (the "C" collation), as SQLite's BINARY
does: they are machine keys, never shown or sorted for a reader. A range from a key to the
key followed by the highest code point is then exactly the keys it begins, so the name search
needs no LIKE beside the range, which made PostgreSQL count the condition twice and misjudge
how many persons a common name finds (people.selectors.name_part_lookups). The ALTER rewrites
the table and rebuilds its indexes: minutes for a register of a million persons."""

from django.db import migrations

FORWARD = 'ALTER TABLE people_namekey ALTER COLUMN "key" TYPE varchar(64) COLLATE "C"'
BACKWARD = 'ALTER TABLE people_namekey ALTER COLUMN "key" TYPE varchar(64) COLLATE "default"'


def run(sql: str):  # type: ignore[no-untyped-def]
    def apply(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("people", "0007_open_work_indexes")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
