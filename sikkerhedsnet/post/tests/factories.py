"""A letter to a parent, written the way every area writes one (post.services.letter_send)."""

from __future__ import annotations

from typing import Any

from sikkerhedsnet.people.models import Guardian, User
from sikkerhedsnet.people.tests.factories import ChildFactory, GuardianFactory
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.post.recipients import Recipient
from sikkerhedsnet.post.services import letter_send

HTML = "<html><body><h1>Invitation til dialogmøde</h1><p>Kære Mette</p></body></html>"
PARENT_CPR = "0101901234"


def make_letter(
    *,
    author: User,
    guardian: Guardian | None = None,
    recipient: Recipient | None = None,
    **kwargs: Any,
) -> Letter:
    child = kwargs.pop("child", None) or ChildFactory.create()
    if recipient is None:
        recipient = Recipient.of_guardian(guardian or GuardianFactory.create(cpr=PARENT_CPR))
    return letter_send(
        actor=author,
        kind=kwargs.pop("kind", "collaboration.invitation"),
        title=kwargs.pop("title", "Invitation til dialogmøde"),
        html=kwargs.pop("html", HTML),
        recipient=recipient,
        subject=kwargs.pop("subject", child),
        child=child,
        **kwargs,
    )
