from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sikkerhedsnet.lib import cpr as cprlib


class UnitKind(models.TextChoices):
    DAYCARE = "daycare", _("Dagtilbud")
    SCHOOL = "school", _("Skole")
    SFO = "sfo", _("SFO")
    HEALTH_VISITING = "health_visiting", _("Sundhedspleje")
    DENTAL = "dental", _("Tandpleje")
    RESIDENTIAL_INSTITUTION = "residential_institution", _("Døgninstitution")
    FAMILY_DEPARTMENT = "family_department", _("Familieafdelingen")


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Fagperson")
    UNIT_LEADER = "unit_leader", _("Leder")
    INTAKE = "intake", _("Visitation")
    CASEWORKER = "caseworker", _("Rådgiver")
    TEAM_LEADER = "team_leader", _("Faglig leder")
    PPR = "ppr", _("PPR")
    MANAGEMENT = "management", _("Ledelse")
    DATA_PROTECTION = "data_protection", _("Databeskyttelse")
    ADMINISTRATOR = "administrator", _("Administrator")


class Unit(models.Model):
    code = models.CharField(_("enhedskode"), max_length=32, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=32, choices=UnitKind.choices, db_index=True)
    district = models.CharField(_("distrikt"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("enhed")
        verbose_name_plural = _("enheder")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(_("rolle"), max_length=32, choices=Role.choices, db_index=True)
    job_title = models.CharField(_("stilling"), max_length=100, blank=True)
    units: models.ManyToManyField[Unit, Membership] = models.ManyToManyField(
        Unit, through="Membership", related_name="staff"
    )
    # Set when the administrator creates the user or resets her password: she chooses her own
    # before she can use anything else (people/middleware.py). False for everyone else.
    must_change_password = models.BooleanField(_("skal vælge ny adgangskode"), default=False)
    # The UI language she chose with the language switch (a code from settings.LANGUAGES); empty:
    # she has not chosen, and the pages are in Danish whatever her browser asks for
    # (people/middleware.py).
    language = models.CharField(_("sprog"), max_length=10, blank=True, default="")
    # The administrator's edits are compare-and-set on it (lib/versions.py).
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("medarbejder")
        verbose_name_plural = _("medarbejdere")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A staff member's place in a unit; `until` closes it without deleting the history."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    since = models.DateField(_("fra"))
    until = models.DateField(_("til og med"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["user", "until"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="membership_until_after_since",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} i {self.unit}"


class Sex(models.TextChoices):
    FEMALE = "female", _("Pige")
    MALE = "male", _("Dreng")


class Child(models.Model):
    cpr = models.CharField(_("CPR-nummer"), max_length=10, unique=True)
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("efternavn"), max_length=100)
    birth_date = models.DateField(_("fødselsdato"), db_index=True)
    sex = models.CharField(_("køn"), max_length=6, choices=Sex.choices)
    is_replacement_cpr = models.BooleanField(_("erstatningspersonnummer"), default=False)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("barn")
        verbose_name_plural = _("børn")
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return str(self)

    @property
    def cpr_masked(self) -> str:
        return cprlib.mask(self.cpr)

    @property
    def cpr_formatted(self) -> str:
        return cprlib.format_digits(self.cpr)

    def age_on(self, day: date) -> int:
        years = day.year - self.birth_date.year
        return years - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))

    def age_in_months_on(self, day: date) -> int:
        months = (day.year - self.birth_date.year) * 12 + day.month - self.birth_date.month
        return months - (day.day < self.birth_date.day)


class Guardian(models.Model):
    """A parent or other adult; custody is per child (see Custody)."""

    cpr = models.CharField(_("CPR-nummer"), max_length=10, blank=True, db_index=True)
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("efternavn"), max_length=100)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("forælder")
        verbose_name_plural = _("forældre")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class GuardianRelation(models.TextChoices):
    MOTHER = "mother", _("Mor")
    FATHER = "father", _("Far")
    CO_MOTHER = "co_mother", _("Medmor")
    OTHER = "other", _("Anden")


class Custody(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="custodies")
    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="custodies")
    relation = models.CharField(_("relation"), max_length=16, choices=GuardianRelation.choices)
    has_custody = models.BooleanField(_("har forældremyndighed"), default=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "guardian"], name="custody_once_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.guardian} ({self.get_relation_display()})"


class NetworkRelation(models.TextChoices):
    GRANDPARENT = "grandparent", _("Bedsteforælder")
    AUNT_UNCLE = "aunt_uncle", _("Moster, faster, onkel")
    ADULT_SIBLING = "adult_sibling", _("Voksen søskende")
    FAMILY_FRIEND = "family_friend", _("Familieven")
    NEIGHBOUR = "neighbour", _("Nabo")
    OTHER = "other", _("Anden")


class NetworkPerson(models.Model):
    """Family and network resources around a child (searched before any placement)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="network")
    name = models.CharField(_("navn"), max_length=200)
    relation = models.CharField(_("relation"), max_length=16, choices=NetworkRelation.choices)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    note = models.CharField(_("bemærkning"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("netværksperson")
        verbose_name_plural = _("netværkspersoner")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"


class Enrolment(models.Model):
    """A child's place in a unit over time; `until` is the last day (inclusive), open if null."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="enrolments")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="enrolments")
    group = models.CharField(_("gruppe/klasse"), max_length=50, blank=True)
    since = models.DateField(_("fra"))
    until = models.DateField(_("til og med"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-since"]
        indexes = [
            models.Index(fields=["unit", "until"]),
            models.Index(fields=["child", "until"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="enrolment_until_after_since",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child} i {self.unit}"


def current_on(day: date, prefix: str = "") -> Q:
    """Rows (memberships, enrolments) that are in force on `day`."""
    return Q(**{f"{prefix}since__lte": day}) & (
        Q(**{f"{prefix}until__isnull": True}) | Q(**{f"{prefix}until__gte": day})
    )
