"""The caseworker's work on a case: the child assessment, Signs of Safety and the child's plan.

Every editable row carries a `version` that services compare and set, so two people editing the
same text never silently overwrite each other. Nothing here is deleted: history rows keep every
change, a network member who stops helping gets an end date, and a decision is recorded once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikkerhedsnet.cases.models import Case

SCALE_MIN, SCALE_MAX = 0, 10


# The child assessment (børnefaglig undersøgelse) ------------------------------------------------


class AssessmentDecision(models.TextChoices):
    """What the assessment's conclusion led to. The measures issue adds the measures
    themselves; here the decision is recorded with its kind and date."""

    NO_MEASURE = "no_measure", _("Ingen foranstaltning")
    EARLY_HELP = "early_help", _("Tidlig forebyggende indsats")
    SUPPORT = "support", _("Støttende indsats")
    PLACEMENT_WITH_CONSENT = "placement_with_consent", _("Anbringelse med samtykke")
    PLACEMENT_WITHOUT_CONSENT = "placement_without_consent", _("Anbringelse uden samtykke")


PLACEMENT_DECISIONS = (
    AssessmentDecision.PLACEMENT_WITH_CONSENT,
    AssessmentDecision.PLACEMENT_WITHOUT_CONSENT,
)


class Assessment(models.Model):
    """The child assessment of a case: one text per ICS dimension (codes in ics.py), the
    child's and the parents' own views, and a conclusion that ends in a decision.

    The assessment is open until the decision is recorded; after that it is read-only.
    """

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="assessment")
    dimensions = models.JSONField(_("dimensioner"), default=dict, blank=True)
    child_view = models.TextField(_("barnets egne synspunkter"), blank=True)
    parents_view = models.TextField(_("forældrenes synspunkter"), blank=True)
    conclusion = models.TextField(_("konklusion"), blank=True)
    decision = models.CharField(
        _("afgørelse"), max_length=30, choices=AssessmentDecision.choices, blank=True
    )
    decided_on = models.DateField(_("afgjort den"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("senest ændret"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="", decided_on__isnull=True)
                | (~Q(decision="") & Q(decided_on__isnull=False)),
                name="assessment_decision_has_date",
            )
        ]

    def __str__(self) -> str:
        return f"Undersøgelse på {self.case}"

    @property
    def is_open(self) -> bool:
        return not self.decision

    @property
    def is_placement(self) -> bool:
        return self.decision in PLACEMENT_DECISIONS


class InterimAssessment(models.Model):
    """The interim assessment written when the assessment runs past its deadline: what is
    known so far and when the assessment is expected to be finished. Added, never edited."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="interim_assessments"
    )
    text = models.TextField(_("foreløbig vurdering"))
    expected_done_on = models.DateField(_("forventes færdig"))
    recorded_on = models.DateField(_("skrevet den"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["recorded_on", "pk"]

    def __str__(self) -> str:
        return f"Foreløbig vurdering {self.recorded_on}"


# Signs of Safety --------------------------------------------------------------------------------


class SafetyMeeting(models.Model):
    """A Signs of Safety mapping made at one meeting with the family, in three columns."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="safety_meetings")
    held_on = models.DateField(_("mødedato"))
    # What we are worried about
    harm = models.TextField(_("skade"), blank=True)
    danger_statements = models.TextField(_("farevurderinger"), blank=True)
    complicating_factors = models.TextField(_("komplicerende faktorer"), blank=True)
    # What is working well
    strengths = models.TextField(_("styrker"), blank=True)
    existing_safety = models.TextField(_("eksisterende sikkerhed"), blank=True)
    # What needs to happen
    safety_goals = models.TextField(_("sikkerhedsmål"), blank=True)
    next_steps = models.TextField(_("næste skridt"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]
        indexes = [models.Index(fields=["case", "held_on"])]

    def __str__(self) -> str:
        return f"Signs of Safety-møde {self.held_on}"


# The mapping's fields, in the order of its three columns.
MAPPING_COLUMNS = (
    "harm",
    "danger_statements",
    "complicating_factors",
    "strengths",
    "existing_safety",
    "safety_goals",
    "next_steps",
)


class ParticipantRole(models.TextChoices):
    CHILD = "child", _("Barnet")
    MOTHER = "mother", _("Mor")
    FATHER = "father", _("Far")
    CARER = "carer", _("Anden omsorgsperson")
    NETWORK = "network", _("Netværk")
    CASEWORKER = "caseworker", _("Rådgiver")
    PROFESSIONAL = "professional", _("Fagperson")
    OTHER = "other", _("Andre")


class SafetyScore(models.Model):
    """One participant's answer on the safety scale at one meeting (0: the child cannot stay
    at home as things are; 10: everyone agrees the child is safe enough to close the case)."""

    meeting = models.ForeignKey(SafetyMeeting, on_delete=models.PROTECT, related_name="scores")
    participant_name = models.CharField(_("deltager"), max_length=100)
    participant_role = models.CharField(_("rolle"), max_length=20, choices=ParticipantRole.choices)
    score = models.PositiveSmallIntegerField(_("sikkerhedsskala"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=SCALE_MIN, score__lte=SCALE_MAX),
                name="safety_score_on_the_scale",
            ),
            models.UniqueConstraint(
                fields=["meeting", "participant_name", "participant_role"],
                name="safety_score_once_per_participant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_name}: {self.score}"


class NetworkMember(models.Model):
    """A person in the family's safety network: who, how they are related, what they will do.
    Someone who stops helping gets `left_on`; the row stays."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="safety_network")
    name = models.CharField(_("navn"), max_length=100)
    relation = models.CharField(_("relation til barnet"), max_length=100)
    commitment = models.TextField(_("det vil personen gøre"))
    joined_on = models.DateField(_("med fra"))
    left_on = models.DateField(_("stoppet den"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["joined_on", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relation})"


# The child's plan (barnets plan) ------------------------------------------------------------------


class ChildPlan(models.Model):
    """The child's plan of a case: the goals agreed with the child and the parents.

    `adopted_on` is the day the plan was made; the deadline relative to a placement decision
    is in deadlines.py (`child_plan_due_on`).
    """

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="child_plan")
    adopted_on = models.DateField(_("planen er lavet den"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Barnets plan på {self.case}"


class PlanGoal(models.Model):
    """One goal of the child's plan, agreed with the child, the parents and/or others.

    Measures: the measures issue links measures to the goals they serve by declaring, on its
    Measure model, `goals = models.ManyToManyField("casework.PlanGoal", related_name="measures",
    blank=True)`. Django then makes the link table, and `goal.measures` works with no change
    here; nothing in this app may claim the name `measures` on PlanGoal (a test keeps it free).
    """

    plan = models.ForeignKey(ChildPlan, on_delete=models.PROTECT, related_name="goals")
    text = models.TextField(_("mål"))
    agreed_with_child = models.BooleanField(_("aftalt med barnet"), default=False)
    agreed_with_parents = models.BooleanField(_("aftalt med forældrene"), default=False)
    agreed_with_others = models.CharField(_("aftalt med andre"), max_length=200, blank=True)
    agreed_on = models.DateField(_("aftalt den"))
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreed_on", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
