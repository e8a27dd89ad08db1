from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real

from sikkerhedsnet.audit.models import AccessLog, AuditEvent

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

    from sikkerhedsnet.people.models import Child, Unit, User


Params = Mapping[str, str | int]
SHOWN_CODE_LENGTH = 200
BASIS_CODE_LENGTH = 300


@dataclass(frozen=True)
class Coded:
    """A text for the log: as written now (in the writer's language), and its code when it is
    one of the system's own messages (the Danish msgid) with the values filled into it."""

    text: str
    code: str
    params: dict[str, str | int]


def coded(message: StrOrPromise, params: Params | None = None) -> Coded:
    """Turn what a caller logs into text plus code.

    - a lazy translation (`gettext_lazy("Opgaveliste")`, values in `params`): its msgid is the
      code; the proxy keeps the arguments it will call gettext with in `_args` (Django 5.2,
      django/utils/functional.py `lazy`), so `_args[0]` is the msgid. pgettext_lazy (two
      arguments) and the plural proxies are stored as text only.
    - a text already translated (`gettext(...)`): in Danish it is its own msgid; in another
      language it is looked up backwards in that language's catalogue. A text that is no
      message of the system's (a name, a number filled in) is stored as written, without code.
    """
    values = dict(params or {})
    if isinstance(message, Promise):
        text = str(message)
        args: tuple[object, ...] = getattr(message, "_args", ())
        if len(args) == 1 and isinstance(args[0], str):
            return Coded(text=_filled(text, values), code=args[0], params=values)
        return Coded(text=_filled(text, values), code="", params={})
    text = _filled(message, values)
    code = _msgid_of(message, translation.get_language() or settings.LANGUAGE_CODE)
    return Coded(text=text, code=code or "", params=values if code else {})


def _filled(text: str, params: dict[str, str | int]) -> str:
    return text % params if params else text


def _source_language() -> str:
    return str(settings.LANGUAGE_CODE).split("-")[0]


@functools.cache
def _reverse_catalogue(language: str) -> dict[str, str]:
    """translation -> msgid for one language's catalogue (singular messages without context)."""
    catalogue = trans_real.translation(language)._catalog  # type: ignore[attr-defined]  # Django's table
    reverse: dict[str, str] = {}
    for msgid, translated in catalogue.items():
        if isinstance(msgid, str) and msgid and "\x04" not in msgid:
            reverse.setdefault(translated, msgid)
    return reverse


@functools.cache
def _known_msgids() -> frozenset[str]:
    """Every msgid some translation catalogue knows (the Danish texts that are codes)."""
    found: set[str] = set()
    for language, _name in settings.LANGUAGES:
        if language.split("-")[0] != _source_language():
            found.update(_reverse_catalogue(language).values())
    return frozenset(found)


def _msgid_of(text: str, language: str) -> str | None:
    language = language.split("-", maxsplit=1)[0]
    if language == _source_language():
        return text if text in _known_msgids() else None
    return _reverse_catalogue(language).get(text)


@transaction.atomic
def access_log_record(
    *,
    user: User,
    child: Child,
    shown: StrOrPromise,
    basis: StrOrPromise,
    channel: str = "web",
    shown_params: Params | None = None,
    basis_params: Params | None = None,
) -> AccessLog:
    """A read of a child's record. `shown` and `basis` may be lazy translations (values in
    `shown_params`/`basis_params`) or translated texts; the entry is read in the reader's
    language (AccessLog.shown_text)."""
    return _record(
        user=user,
        child=child,
        unit=None,
        shown=coded(shown, shown_params),
        basis=coded(basis, basis_params),
        channel=channel,
    )


def access_log_record_unit(
    *,
    user: User,
    unit: Unit,
    shown: StrOrPromise,
    basis: StrOrPromise,
    channel: str = "web",
    shown_params: Params | None = None,
    basis_params: Params | None = None,
) -> AccessLog:
    """A list of a unit's children was shown (names and masked CPR, no record details)."""
    return _record(
        user=user,
        child=None,
        unit=unit,
        shown=coded(shown, shown_params),
        basis=coded(basis, basis_params),
        channel=channel,
    )


def _record(
    *, user: User, child: Child | None, unit: Unit | None, shown: Coded, basis: Coded, channel: str
) -> AccessLog:
    shown_fits = len(shown.code) <= SHOWN_CODE_LENGTH
    basis_fits = len(basis.code) <= BASIS_CODE_LENGTH
    return AccessLog.objects.create(
        user=user,
        child=child,
        unit=unit,
        shown=shown.text[:100],
        shown_code=shown.code if shown_fits else "",
        shown_params=shown.params if shown_fits else {},
        basis=basis.text[:200],
        basis_code=basis.code if basis_fits else "",
        basis_params=basis.params if basis_fits else {},
        channel=channel,
    )


def audit_event_record(
    *,
    actor: User | None,
    event_type: str,
    subject: models.Model | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record a change; callers are services already inside their own atomic block."""
    return AuditEvent.objects.create(
        actor=actor,
        event_type=event_type,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=subject.pk if subject is not None else None,
        extra=extra or {},
    )
