"""The two kinds of "no" a service can say, which every view and the API answer the same way.

`Refused`: the change does not fit the rules or the object's state; the message is written for
the professional and shown as it is, on the field it concerns (`field`) or above the form.
`Conflict`: someone changed the object after the page showed it (a stale `version`); the view
shows what is there now and keeps what the user wrote. Every domain error derives from one of the
two (Zulip's JsonableError in zerver/lib/exceptions.py is the model), so a view never needs to
know which service it called to answer correctly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django import forms
    from django.db import models
    from django.utils.functional import _StrOrPromise


class Refused(ValueError):
    """The change does not fit; `message` is shown as it is, on `field` (None: the whole form)."""

    def __init__(self, message: _StrOrPromise = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)

    def add_to(self, form: forms.BaseForm) -> None:
        """Show the refusal on the form: on its field when the form has it, else above it."""
        field = self.field if self.field in form.fields else None
        form.add_error(field, str(self.message))


class Conflict(Exception):
    """Someone changed `current` after the page showed the version the change carried."""

    def __init__(self, current: models.Model | Any) -> None:
        super().__init__(str(current))
        self.current = current
