"""Step 3 of 3: every case has its deadline; new cases get it when they open."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_fill_case_assessment_due_on"),
    ]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="assessment_due_on",
            field=models.DateField(db_index=True, verbose_name="undersøgelsen skal være færdig"),
        ),
        migrations.AlterField(
            model_name="historicalcase",
            name="assessment_due_on",
            field=models.DateField(db_index=True, verbose_name="undersøgelsen skal være færdig"),
        ),
    ]
