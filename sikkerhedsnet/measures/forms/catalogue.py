"""Forms of the catalogue and decision pages. The services check the rules of DESIGN §3; these
forms check that the input is readable and say so in Danish."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.casework.forms import VersionedForm
from sikkerhedsnet.casework.models import PlanGoal
from sikkerhedsnet.lib.forms import DanishDateField, DesignSystemForm
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import LegalGround, Offer, SiblingsPlacement
from sikkerhedsnet.measures.selectors.catalogue import FittingOffer

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TEXT_MAX_CHARS = 5_000
TEXTAREA = {"rows": "4", "class": "form-input"}
GOAL_LABEL_MAX_CHARS = 120  # a goal is shown whole up to this, cut with an ellipsis beyond
MAX_MONTHLY_COST = 2_000_000  # kr a month; more is a typing error, not a price


def _text(
    label: StrOrPromise, missing: StrOrPromise | None = None, **kwargs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=missing is not None,
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": missing} if missing else {},
        **kwargs,
    )


def _cost(label: StrOrPromise, *, required: bool, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=MAX_MONTHLY_COST,
        error_messages={
            "required": _("Skriv beløbet i hele kroner."),
            "invalid": _("Skriv beløbet i hele kroner uden punktum, fx 45000."),
            "min_value": _("Beløbet kan ikke være negativt."),
            "max_value": _("Beløbet er urimeligt stort; se efter, om der er en tastefejl."),
        },
        **kwargs,
    )


def own_fields(form: forms.Form) -> dict[str, forms.Field]:
    """The form's own copy of its fields, to change before it initialises.

    DesignSystemForm looks at the errors (and so cleans) while it initialises; a queryset set
    after that comes too late (as in cases.forms).
    """
    if "base_fields" not in form.__dict__:
        form.base_fields = copy.deepcopy(type(form).base_fields)  # type: ignore[misc]
    return form.base_fields


def kind_choices(*, blank: StrOrPromise | None = None) -> list[tuple[str, StrOrPromise]]:
    choices: list[tuple[str, StrOrPromise]] = list(MeasureKind.choices)
    return [("", blank), *choices] if blank is not None else choices


# The catalogue ----------------------------------------------------------------------------------


class OfferForm(VersionedForm):
    name = forms.CharField(
        label=_("Navn"), max_length=200, error_messages={"required": _("Skriv tilbuddets navn.")}
    )
    provider = forms.CharField(
        label=_("Leverandør"),
        max_length=200,
        error_messages={"required": _("Skriv, hvem der driver tilbuddet.")},
    )
    kind = forms.ChoiceField(label=_("Type"), choices=kind_choices())
    in_municipality = forms.BooleanField(label=_("Tilbuddet ligger i kommunen"), required=False)
    min_age = forms.IntegerField(label=_("Fra alder (år)"), min_value=0, max_value=22)
    max_age = forms.IntegerField(label=_("Til alder (år)"), min_value=0, max_value=22)
    target_group = _text(_("Målgruppe"))
    capacity = forms.IntegerField(
        label=_("Pladser"),
        required=False,
        min_value=1,
        help_text=_("Lad feltet stå tomt, hvis leverandøren tager de børn, kommunen sender."),
    )
    monthly_price = _cost(_("Pris pr. måned (kr.)"), required=True)
    active = forms.BooleanField(label=_("Aktivt (kan vælges til nye beslutninger)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_age", _("Til-alderen skal være mindst lige så høj som fra-alderen.")
            )
        return data

    @property
    def fields_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


def offer_initial(offer: Offer) -> dict[str, Any]:
    return {name: getattr(offer, name) for name in OfferForm.base_fields if name != "version"}


# Network search -------------------------------------------------------------------------------


class NetworkSearchForm(DesignSystemForm):
    searched_on = DanishDateField(
        label=_("Afdækket den"),
        help_text=_("DD.MM.ÅÅÅÅ"),
        error_messages={"required": _("Skriv, hvornår netværket blev afdækket.")},
    )
    people_considered = _text(
        _("Hvem i netværket er overvejet"),
        _("Skriv, hvem i netværket der er overvejet."),
        help_text=_("Fx mormor, faster, naboen, en fodboldtræner: navn og relation til barnet."),
    )
    result = _text(_("Resultat"), _("Skriv resultatet af afdækningen."))
    found_carer = forms.BooleanField(label=_("Nogen i netværket kan tage barnet"), required=False)


# Deciding -------------------------------------------------------------------------------------


class KindFilterForm(DesignSystemForm):
    """The GET form above the fitting offers: which kind to show (all kinds when empty)."""

    type = forms.ChoiceField(
        label=_("Vis tilbud af typen"), choices=kind_choices(blank=_("Alle typer")), required=False
    )


class GoalChoiceField(forms.ModelMultipleChoiceField[PlanGoal]):
    def label_from_instance(self, obj: Any) -> str:
        text = str(obj.text)
        return text if len(text) <= GOAL_LABEL_MAX_CHARS else text[: GOAL_LABEL_MAX_CHARS - 1] + "…"


def _offer_label(fitting: FittingOffer) -> str:
    offer = fitting.offer
    where = _("i kommunen") if offer.in_municipality else _("uden for kommunen")
    room = (
        _("venteliste")
        if fitting.full
        else _("ledige pladser: %(n)d") % {"n": fitting.free}
        if fitting.free is not None
        else _("pladser efter behov")
    )
    return f"{offer.name} ({offer.get_kind_display().lower()}, {where}, {room})"


class MeasureChoiceForm(DesignSystemForm):
    """Where the child goes: an offer from the catalogue, or a provider written in (a network
    foster family, an external provider booked child by child).

    The provider and the cost are asked for without an offer, the reason for a more intrusive
    measure when a less intrusive fitting offer exists (services.decisions: _provider and
    check_intrusiveness: the least intrusive measure first, DESIGN §3)."""

    conditionally_required = {
        "provider": _("Skal udfyldes, hvis du ikke vælger et tilbud fra kataloget."),
        "monthly_cost": _("Skal udfyldes, hvis du ikke vælger et tilbud fra kataloget."),
        "intrusiveness_reason": _(
            "Skal udfyldes, hvis du vælger en mere indgribende type end det mindst indgribende "
            "tilbud, der passer til barnet."
        ),
    }

    kind = forms.ChoiceField(
        label=_("Type"),
        choices=kind_choices(blank=_("Vælg type")),
        error_messages={"required": _("Vælg en type.")},
    )
    offer = forms.ModelChoiceField(
        label=_("Tilbud fra kataloget"),
        queryset=Offer.objects.none(),
        required=False,
        empty_label=_("Intet tilbud fra kataloget"),
        help_text=_(
            "Tilbuddene er ordnet med det mindst indgribende først og kommunens egne før eksterne."
        ),
    )
    provider = forms.CharField(
        label=_("Leverandør"),
        max_length=200,
        required=False,
        help_text=_("Fx plejefamiliens eller netværkets navn."),
    )
    in_municipality = forms.BooleanField(
        label=_("Leverandøren er i kommunen"),
        required=False,
        help_text=_("Kun uden tilbud fra kataloget."),
    )
    monthly_cost = _cost(
        _("Udgift pr. måned (kr.)"),
        required=False,
        help_text=_("Med et tilbud fra kataloget bruges tilbuddets pris, hvis feltet er tomt."),
    )
    acute = forms.BooleanField(label=_("Akut anbringelse"), required=False)
    siblings = forms.ChoiceField(
        label=_("Søskende (ved anbringelse)"),
        choices=[("", _("Ikke en anbringelse")), *SiblingsPlacement.choices],
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
    )
    intrusiveness_reason = _text(_("Begrundelse for en mere indgribende foranstaltning"))

    def __init__(self, *args: Any, fitting: list[FittingOffer], **kwargs: Any) -> None:
        field = own_fields(self)["offer"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = Offer.objects.filter(pk__in=[f.offer.pk for f in fitting])
        # The order of `fitting` (least intrusive, local, price), not the queryset's.
        field.choices = [("", field.empty_label or "")] + [
            (f.offer.pk, _offer_label(f)) for f in fitting
        ]
        super().__init__(*args, **kwargs)
        # A radio group is described on its fieldset (see the template), not per option.
        self.fields["siblings"].widget.attrs.pop("aria-describedby", None)


class DecideForm(MeasureChoiceForm):
    legal_ground = forms.ChoiceField(
        label=_("Retsgrundlag"),
        choices=LegalGround.choices,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": _("Vælg retsgrundlaget.")},
    )
    purpose = _text(_("Formål"), _("Skriv formålet med foranstaltningen."))
    expected_months = forms.IntegerField(
        label=_("Forventet varighed (måneder)"),
        min_value=1,
        max_value=240,
        error_messages={
            "required": _("Skriv den forventede varighed i måneder."),
            "invalid": _("Skriv den forventede varighed som et helt antal måneder."),
            "min_value": _("Den forventede varighed er mindst 1 måned."),
        },
    )
    goals = GoalChoiceField(
        label=_("Mål i barnets plan, som foranstaltningen skal støtte"),
        queryset=PlanGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
    )
    decided_on = DanishDateField(
        label=_("Besluttet den"),
        help_text=_("DD.MM.ÅÅÅÅ"),
        error_messages={"required": _("Skriv datoen for beslutningen.")},
    )
    start_on = DanishDateField(
        label=_("Starter den"),
        required=False,
        help_text=_("Udfyld, hvis foranstaltningen allerede er begyndt. DD.MM.ÅÅÅÅ"),
    )

    field_order = [
        "kind",
        "offer",
        "provider",
        "in_municipality",
        "monthly_cost",
        "intrusiveness_reason",
        "legal_ground",
        "purpose",
        "expected_months",
        "goals",
        "acute",
        "siblings",
        "decided_on",
        "start_on",
    ]

    def __init__(self, *args: Any, goals: Any, **kwargs: Any) -> None:
        field = own_fields(self)["goals"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 - declared above
        field.queryset = goals
        super().__init__(*args, **kwargs)
        for name in ("legal_ground", "goals"):
            self.fields[name].widget.attrs.pop("aria-describedby", None)


class MoveForm(MeasureChoiceForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    moved_on = DanishDateField(
        label=_("Flytter den"),
        help_text=_("Den første dag på det nye sted. DD.MM.ÅÅÅÅ"),
        error_messages={"required": _("Skriv datoen for flytningen.")},
    )


class StartForm(VersionedForm):
    start_date = DanishDateField(
        label=_("Startdato"),
        help_text=_("DD.MM.ÅÅÅÅ"),
        error_messages={"required": _("Skriv, hvornår foranstaltningen startede.")},
    )


class EndForm(VersionedForm):
    end_date = DanishDateField(
        label=_("Sidste dag"),
        help_text=_("DD.MM.ÅÅÅÅ"),
        error_messages={"required": _("Skriv den sidste dag med foranstaltningen.")},
    )
    # The decision's written reason: the parties' letters give it (decision_letters.py).
    reason = _text(
        _("Hvorfor slutter foranstaltningen"),
        _("Skriv, hvorfor foranstaltningen slutter."),
        help_text=_("Begrundelsen står i afgørelsen, som forældrene og barnet fra 10 år får."),
    )


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)


class WithdrawForm(VersionedForm):
    reason = _text(
        _("Hvorfor trækkes beslutningen tilbage"),
        _("Skriv, hvorfor beslutningen trækkes tilbage."),
        help_text=_("Fx at barnet har fået hjælp et andet sted, eller at behovet er væk."),
    )
