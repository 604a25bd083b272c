"""The name-key column's statistics: 1,000 buckets and common values instead of 10,000
(migration 0008). PostgreSQL reads the whole list of common values when it plans any
condition on the column, and with 10,000 of them planning a lookup of a few keys took 3-8 ms
where running it took under 1 ms: the intake search looks keys up in five or six statements,
so a fifth of its time went to planning. With 1,000 the planning takes 0.4-0.6 ms, and a
common name's range of keys is still estimated within a factor of three at a million persons
(the name search's plan needs that; "Nasr" 10,443 for 31,758 keys, 29,152 with 10,000, 1 with
the default 100). docs/benchmarks.md, seventh round: the intake search's p50 47 -> 37 ms at a
million persons and 44-51 -> 38-39 ms at 100,000; the name search's p95 67-77 -> 84-90 ms at
a million, within its goal of 200."""

from django.db import migrations

FORWARD = (
    'ALTER TABLE people_namekey ALTER COLUMN "key" SET STATISTICS 1000',
    "ANALYZE people_namekey",
)
BACKWARD = ('ALTER TABLE people_namekey ALTER COLUMN "key" SET STATISTICS 10000',)


def run(statements: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def apply(apps, schema_editor):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("people", "0008_name_key_binary_collation")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
