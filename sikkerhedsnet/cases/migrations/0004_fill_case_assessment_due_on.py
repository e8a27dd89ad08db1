"""Step 2 of 3: fill the deadline of every case (and history row) exactly as it was computed:
the policy's months after the day the municipality became aware (`Case.assessment_due`)."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.policy import get_policy

BATCH = 2000


def fill_case_assessment_due_on(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    months = get_policy().child_assessment_months
    for name in ("Case", "HistoricalCase"):
        model = apps.get_model("cases", name)
        rows = model.objects.filter(assessment_due_on__isnull=True).only("pk", "became_aware_on")
        batch = []
        for row in rows.iterator(chunk_size=BATCH):
            row.assessment_due_on = add_months(row.became_aware_on, months)
            batch.append(row)
            if len(batch) == BATCH:
                model.objects.bulk_update(batch, ["assessment_due_on"])
                batch = []
        model.objects.bulk_update(batch, ["assessment_due_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_assessment_due_on"),
    ]

    operations = [
        migrations.RunPython(fill_case_assessment_due_on, migrations.RunPython.noop),
    ]
