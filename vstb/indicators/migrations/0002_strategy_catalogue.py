"""Every database gets the catalogue of the National Strategy on Gender Equality 2021–2030
(vstb/indicators/catalogue.py). Idempotent: a correction is a later migration calling
load_strategy() again."""

from django.db import migrations


def load(apps, schema_editor):
    from vstb.indicators.catalogue import load_strategy

    load_strategy(
        apps.get_model("indicators", "DataElement"),
        apps.get_model("indicators", "Indicator"),
        apps.get_model("indicators", "Target"),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
