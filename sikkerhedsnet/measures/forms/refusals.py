"""The refusal form (afslag): the service (services/refusals.py) checks the rules; this form
checks that the input is readable and says so in Danish."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.lib.forms import DanishDateField, DesignSystemForm
from sikkerhedsnet.measures.forms.catalogue import _text, kind_choices
from sikkerhedsnet.measures.models import LegalGround

# A placement without consent is decided, never applied for: it has no refusal.
REFUSABLE_GROUNDS = [
    (value, label)
    for value, label in LegalGround.choices
    if value != LegalGround.PLACEMENT_WITHOUT_CONSENT
]


class RefuseForm(DesignSystemForm):
    kind = forms.ChoiceField(
        label=_("Hvad er der søgt om"),
        choices=kind_choices(blank=_("Vælg type")),
        error_messages={"required": _("Vælg en type.")},
    )
    legal_ground = forms.ChoiceField(
        label=_("Retsgrundlag"),
        choices=REFUSABLE_GROUNDS,
        widget=forms.RadioSelect(attrs={"class": "form-radio"}),
        error_messages={"required": _("Vælg retsgrundlaget.")},
    )
    request = _text(
        _("Ansøgningen"),
        _("Skriv, hvad der er søgt om."),
        help_text=_("Hvem har søgt, hvornår, og hvad har de bedt om."),
    )
    reason = _text(
        _("Begrundelse for afslaget"),
        _("Skriv begrundelsen for afslaget."),
        help_text=_(
            "Skriv, hvad I har lagt vægt på, i et sprog familien forstår. Begrundelsen står i "
            "afgørelsen til forældrene og til barnet fra 10 år."
        ),
    )
    decided_on = DanishDateField(
        label=_("Afgørelsen er truffet den"),
        help_text=_("DD.MM.ÅÅÅÅ"),
        error_messages={"required": _("Skriv datoen for afgørelsen.")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # A radio group is described on its fieldset (see the template), not per option.
        self.fields["legal_ground"].widget.attrs.pop("aria-describedby", None)
