"""Step 1 of 3: the child assessment's deadline as a column, nullable until it is filled."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_team_version_assignments_journal"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="assessment_due_on",
            field=models.DateField(
                db_index=True, null=True, verbose_name="undersøgelsen skal være færdig"
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="assessment_due_on",
            field=models.DateField(
                db_index=True, null=True, verbose_name="undersøgelsen skal være færdig"
            ),
        ),
    ]
