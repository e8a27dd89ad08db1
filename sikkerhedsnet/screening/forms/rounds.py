"""Forms of the round page: the group picker and one child's row."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.screening.models import Position
from sikkerhedsnet.screening.services.positions import REASON_MAX_LENGTH

ALL_GROUPS = ""


class GroupPickerForm(forms.Form):
    # Not a DesignSystemForm: that one validates in __init__, before the choices are known here.
    gruppe = forms.ChoiceField(
        label=_("Gruppe"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args: Any, groups: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(ALL_GROUPS, _("Alle grupper"))] + [(g, g) for g in groups if g]
        self.fields["gruppe"].choices = choices  # type: ignore[attr-defined]

    def group(self) -> str:
        """The chosen group; an unknown name (an old link) shows all groups."""
        if self.is_valid():
            return str(self.cleaned_data["gruppe"])
        return ALL_GROUPS


class Action:
    RATING = "rating"  # the change came from "Din egen vurdering"
    JOINT = "joint"  # from "Fælles position" or its reason
    BOTH = "both"  # the row's save button without JavaScript: whatever is chosen


class RowForm(forms.Form):
    """What one row posts; HTMX sends the whole row and names the part that changed."""

    action = forms.ChoiceField(
        choices=[(a, a) for a in (Action.RATING, Action.JOINT, Action.BOTH)], required=False
    )
    rating = forms.ChoiceField(choices=Position.choices, required=False)
    joint = forms.ChoiceField(choices=Position.choices, required=False)
    reason = forms.CharField(max_length=REASON_MAX_LENGTH, required=False)
    version = forms.IntegerField(min_value=1, required=False)
    # The "save my choice anyway" button after a conflict carries the version it was shown.
    confirm_version = forms.IntegerField(min_value=1, required=False)
    gruppe = forms.CharField(max_length=50, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("confirm_version"):
            data["action"] = Action.JOINT
        action = data.get("action") or Action.BOTH
        data["action"] = action
        if action == Action.RATING and not data.get("rating"):
            raise forms.ValidationError(_("Vælg din vurdering: grøn, gul eller rød."))
        if action == Action.JOINT and not data.get("joint"):
            raise forms.ValidationError(
                _("Vælg den fælles position; begrundelsen gemmes sammen med den.")
            )
        if action == Action.BOTH and not (data.get("rating") or data.get("joint")):
            raise forms.ValidationError(_("Vælg din vurdering eller den fælles position."))
        return data

    @property
    def expected_version(self) -> int | None:
        version = self.cleaned_data.get("confirm_version") or self.cleaned_data.get("version")
        return int(version) if version else None

    def saves_rating(self) -> bool:
        action = self.cleaned_data["action"]
        return bool(self.cleaned_data.get("rating")) and action in (Action.RATING, Action.BOTH)

    def saves_joint(self) -> bool:
        action = self.cleaned_data["action"]
        return bool(self.cleaned_data.get("joint")) and action in (Action.JOINT, Action.BOTH)

    def first_error(self) -> str:
        for errors in self.errors.values():
            return str(errors[0])
        return ""
