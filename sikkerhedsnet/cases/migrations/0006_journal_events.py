"""Automatic journal entries: the event, the object it came from, its time; once per source."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_case_assessment_due_on_not_null"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="journalentry",
            name="event",
            field=models.CharField(blank=True, max_length=60, verbose_name="hændelse"),
        ),
        migrations.AddField(
            model_name="journalentry",
            name="occurred_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="tidspunkt"),
        ),
        migrations.AddField(
            model_name="journalentry",
            name="source_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="journalentry",
            name="source_type",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AlterField(
            model_name="journalentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("note", "Notat"),
                    ("meeting", "Møde"),
                    ("phone", "Telefonsamtale"),
                    ("letter", "Brev"),
                    ("event", "Hændelse"),
                ],
                max_length=10,
                verbose_name="type",
            ),
        ),
        migrations.AlterField(
            model_name="journalentry",
            name="written_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddIndex(
            model_name="journalentry",
            index=models.Index(fields=["case", "kind"], name="journal_case_kind"),
        ),
        migrations.AddConstraint(
            model_name="journalentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "event"), models.Q(("event", ""), _negated=True)),
                    models.Q(
                        models.Q(("kind", "event"), _negated=True),
                        ("event", ""),
                        ("source_id__isnull", True),
                        ("source_type", ""),
                    ),
                    _connector="OR",
                ),
                name="journal_event_has_its_code",
            ),
        ),
        migrations.AddConstraint(
            model_name="journalentry",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source_id__isnull", False)),
                fields=("case", "event", "source_type", "source_id"),
                name="journal_event_once_per_source",
            ),
        ),
    ]
