"""Measures and placements: the offer catalogue, decided measures, the decisions in law made on
them (granted, refused, ended, withdrawn: MeasureDecision, with the parties' letters), follow-up
and supervision.

A Measure is one decided measure or one placement period of a case. A move between placements
ends one Measure and starts the next, which points back to it (`moved_from`), so the child's
whole path is kept. Kinds and their place on the intrusiveness ladder are in ladder.py.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikkerhedsnet.measures.cadence import follow_up_due
from sikkerhedsnet.measures.ladder import MeasureKind


class Offer(models.Model):
    """A concrete service the municipality runs or buys, with its kind, target group and capacity.

    `capacity` is the number of children it can take at once; empty means the provider takes
    whom the municipality sends (most external foster families and institutions are booked
    child by child).
    """

    name = models.CharField(_("navn"), max_length=200)
    provider = models.CharField(_("leverandør"), max_length=200)
    kind = models.CharField(_("type"), max_length=32, choices=MeasureKind.choices)
    in_municipality = models.BooleanField(_("i kommunen"), default=True)
    min_age = models.PositiveSmallIntegerField(_("fra alder (år)"), default=0)
    max_age = models.PositiveSmallIntegerField(_("til alder (år)"), default=22)
    target_group = models.TextField(_("målgruppe"), blank=True)
    capacity = models.PositiveIntegerField(_("pladser"), null=True, blank=True)
    monthly_price = models.PositiveIntegerField(_("pris pr. måned (kr.)"))
    active = models.BooleanField(_("aktiv"), default=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__lte=models.F("max_age")), name="offer_age_range"
            )
        ]

    def __str__(self) -> str:
        return self.name


class LegalGround(models.TextChoices):
    EARLY_HELP = "early_help", _("Tidlig forebyggende indsats (§ 30)")
    SUPPORT_WITH_CONSENT = "support_with_consent", _("Støtte med samtykke (§ 32)")
    PLACEMENT_WITH_CONSENT = "placement_with_consent", _("Anbringelse med samtykke (§ 46)")
    PLACEMENT_WITHOUT_CONSENT = "placement_without_consent", _("Anbringelse uden samtykke (§ 47)")


class MeasureStatus(models.TextChoices):
    WAITING = "waiting", _("På venteliste")
    DECIDED = "decided", _("Besluttet, ikke startet")
    ACTIVE = "active", _("I gang")
    ENDED = "ended", _("Afsluttet")


class SiblingsPlacement(models.TextChoices):
    NO_SIBLINGS = "no_siblings", _("Ingen søskende anbragt")
    TOGETHER = "together", _("Anbragt sammen med søskende")
    APART = "apart", _("Anbragt adskilt fra søskende")


class Measure(models.Model):
    """A decided measure or one placement period for the child of a case."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="measures")
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="measures")
    kind = models.CharField(_("type"), max_length=32, choices=MeasureKind.choices, db_index=True)
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    provider = models.CharField(_("leverandør"), max_length=200)
    in_municipality = models.BooleanField(_("i kommunen"))
    legal_ground = models.CharField(_("retsgrundlag"), max_length=32, choices=LegalGround.choices)
    purpose = models.TextField(_("formål"))
    expected_months = models.PositiveSmallIntegerField(_("forventet varighed (måneder)"))
    # Required when a more intrusive kind was chosen than the least intrusive one that fitted.
    intrusiveness_reason = models.TextField(_("begrundelse for mere indgribende valg"), blank=True)
    goals = models.ManyToManyField(
        "casework.PlanGoal", related_name="measures", blank=True, verbose_name=_("mål")
    )
    acute = models.BooleanField(_("akut"), default=False)
    siblings = models.CharField(
        _("søskende"), max_length=12, choices=SiblingsPlacement.choices, blank=True
    )
    moved_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="moved_to"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeasureStatus.choices, default=MeasureStatus.DECIDED
    )
    decided_on = models.DateField(_("besluttet den"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    waiting_since = models.DateField(_("på venteliste siden"), null=True, blank=True)
    start_date = models.DateField(_("startdato"), null=True, blank=True)
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    monthly_cost = models.PositiveIntegerField(_("udgift pr. måned (kr.)"))
    # The caseworker may set another follow-up interval than policy, with a reason.
    follow_up_interval_weeks = models.PositiveSmallIntegerField(
        _("opfølgning hver (uger)"), null=True, blank=True
    )
    follow_up_interval_reason = models.TextField(_("begrundelse for interval"), blank=True)
    next_follow_up_due = models.DateField(_("næste opfølgning senest"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(m2m_fields=[goals])

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(fields=["child", "start_date"]),
            models.Index(fields=["offer", "status"]),
            models.Index(
                fields=["next_follow_up_due"],
                name="measure_active_follow_up_due",
                condition=Q(status="active"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=False, end_date__gte=models.F("start_date")),
                name="measure_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(start_date__isnull=False),
                name="measure_active_has_started",
            ),
            models.CheckConstraint(
                condition=Q(follow_up_interval_weeks__isnull=True)
                | ~Q(follow_up_interval_reason=""),
                name="measure_interval_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.child_id})"

    def first_follow_up_due(self, start_date: date) -> date:
        """The first follow-up of the measure starting on `start_date`; an interval the
        caseworker set before the start may bring it forward (never later than the law's
        deadline)."""
        return follow_up_due(
            kind=self.kind,
            start_date=start_date,
            last_held_on=None,
            interval_weeks=self.follow_up_interval_weeks,
        )


class NetworkSearch(models.Model):
    """The search of the family's network that must come before any placement."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="network_searches"
    )
    searched_on = models.DateField(_("undersøgt den"))
    searched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    people_considered = models.TextField(_("hvem i netværket er overvejet"))
    result = models.TextField(_("resultat"))
    found_carer = models.BooleanField(_("netværket kan tage barnet"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-searched_on", "-id"]

    def __str__(self) -> str:
        return f"Netværksafdækning {self.searched_on} ({self.case_id})"


class FollowUp(models.Model):
    """A follow-up meeting on a measure: who took part, what changed, the safety scale."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="follow_ups")
    held_on = models.DateField(_("holdt den"))
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    child_took_part = models.BooleanField(_("barnet deltog"), default=False)
    family_took_part = models.BooleanField(_("familien deltog"), default=False)
    network_took_part = models.BooleanField(_("netværket deltog"), default=False)
    professionals = models.CharField(_("fagpersoner"), max_length=500, blank=True)
    what_changed = models.TextField(_("hvad har ændret sig"))
    safety_scale = models.PositiveSmallIntegerField(
        _("sikkerhedsskala (0-10)"), null=True, blank=True
    )
    next_due = models.DateField(_("næste opfølgning senest"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(safety_scale__isnull=True) | Q(safety_scale__lte=10),
                name="follow_up_safety_scale_0_10",
            )
        ]

    def __str__(self) -> str:
        return f"Opfølgning {self.held_on} ({self.measure_id})"


class SupervisionVisit(models.Model):
    """A supervision visit to a placement; the law asks for two a year, talking with the child."""

    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="supervision_visits"
    )
    visited_on = models.DateField(_("besøgt den"), db_index=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    spoke_with_child = models.BooleanField(_("talte med barnet"))
    note = models.TextField(_("notat"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"Tilsyn {self.visited_on} ({self.measure_id})"


class AdultServicesCoordinator(models.Model):
    """The adult-services coordinator named for a young person before 17½."""

    child = models.OneToOneField(
        "people.Child", on_delete=models.PROTECT, related_name="adult_coordinator"
    )
    name = models.CharField(_("navn"), max_length=200)
    contact = models.CharField(_("kontakt"), max_length=200, blank=True)
    named_on = models.DateField(_("udpeget den"))
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.name} ({self.child_id})"


class DecisionOutcome(models.TextChoices):
    GRANTED = "granted", _("Bevilget")
    REFUSED = "refused", _("Afslag")
    ENDED = "ended", _("Ophør")
    WITHDRAWN = "withdrawn", _("Tilbagekaldt")


class MeasureDecision(models.Model):
    """A decision in law (afgørelse) about a measure: granted (a placement too), refused, ended,
    or withdrawn before it started. The parties' letters are written from it (measures/
    decision_letters.py) in the transaction that made it; it is never changed afterwards.

    A refusal has no measure; it keeps what was asked for. `reason` is the written reason given
    with the decision (a refusal, an end, a withdrawal); a grant's reasons are its measure's
    purpose, plan goals and, for a more intrusive choice, its `intrusiveness_reason`.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="measure_decisions"
    )
    child = models.ForeignKey(
        "people.Child", on_delete=models.PROTECT, related_name="measure_decisions"
    )
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(_("afgørelse"), max_length=10, choices=DecisionOutcome.choices)
    kind = models.CharField(_("type"), max_length=32, choices=MeasureKind.choices)
    legal_ground = models.CharField(_("retsgrundlag"), max_length=32, choices=LegalGround.choices)
    decided_on = models.DateField(_("truffet den"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    request = models.TextField(_("hvad der er søgt om"), blank=True)
    reason = models.TextField(_("begrundelse"), blank=True)
    created_at = models.DateTimeField(_("registreret"))

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["case", "decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="refused", measure__isnull=True)
                | (~Q(outcome="refused") & Q(measure__isnull=False)),
                name="measure_decision_refusal_has_no_measure",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="refused") | ~Q(reason=""),
                name="measure_decision_refusal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.get_kind_display()} ({self.case_id})"
