import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("people", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "at",
                    models.DateTimeField(
                        auto_now_add=True, db_index=True, verbose_name="tidspunkt"
                    ),
                ),
                ("file_name", models.CharField(max_length=255, verbose_name="filnavn")),
                ("file_format", models.CharField(max_length=50, verbose_name="format")),
                ("rows", models.PositiveIntegerField(verbose_name="rækker")),
                ("counts", models.JSONField(default=dict, verbose_name="antal")),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="importeret af",
                    ),
                ),
                (
                    "children",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="people.child", verbose_name="børn"
                    ),
                ),
                (
                    "units",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="people.unit", verbose_name="enheder"
                    ),
                ),
            ],
            options={
                "verbose_name": "import",
                "verbose_name_plural": "importer",
                "ordering": ["-at", "-id"],
            },
        ),
    ]
