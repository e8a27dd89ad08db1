"""Who a letter goes to, and where Digital Post finds her.

A citizen (a parent) is found by her CPR number; a business or authority by its CVR number, with
the person it is for as "att.". A recipient with neither has no Digital Post address: the
channel cannot deliver, and the letter's owner sends it another way (post/worklist.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sikkerhedsnet.people.models import Guardian
from sikkerhedsnet.post.models import RecipientIdType


@dataclass(frozen=True)
class Recipient:
    name: str
    address: str = ""
    id_type: str = RecipientIdType.NONE
    id: str = ""
    attention: str = ""

    @classmethod
    def of_guardian(cls, guardian: Guardian) -> Recipient:
        return cls(
            name=str(guardian),
            address=guardian.address,
            id_type=RecipientIdType.CPR if guardian.cpr else RecipientIdType.NONE,
            id=guardian.cpr,
        )

    @classmethod
    def organisation(
        cls, *, name: str, cvr: str, attention: str = "", address: str = ""
    ) -> Recipient:
        return cls(
            name=name,
            address=address,
            id_type=RecipientIdType.CVR if cvr else RecipientIdType.NONE,
            id=cvr,
            attention=attention,
        )
