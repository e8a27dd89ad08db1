"""The MeMo message: what Digital Post receives, checked against the MeMo schema."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

import pytest

from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests.factories import staff
from sikkerhedsnet.post.memo import NAMESPACE, InvalidMemo, memo_message, validate
from sikkerhedsnet.post.recipients import Recipient
from sikkerhedsnet.post.tests.factories import PARENT_CPR, make_letter

pytestmark = pytest.mark.django_db
M = f"{{{NAMESPACE}}}"


def test_a_letter_to_a_parent_is_a_valid_memo_message_with_its_pdf() -> None:
    letter = make_letter(author=staff(Role.PROFESSIONAL))
    xml = memo_message(letter)
    validate(xml)
    root = ET.fromstring(xml)  # noqa: S314 - the message we just wrote
    assert root.tag == f"{M}Message"
    assert root.get("memoVersion") == "1.1"
    header = root.find(f"{M}MessageHeader")
    assert header is not None
    assert header.findtext(f"{M}messageUUID") == str(letter.uuid)
    assert header.findtext(f"{M}Recipient/{M}recipientID") == PARENT_CPR
    assert header.findtext(f"{M}Recipient/{M}idType") == "CPR"
    assert header.findtext(f"{M}Sender/{M}idType") == "CVR"
    content = root.findtext(f"{M}MessageBody/{M}MainDocument/{M}File/{M}content")
    assert content is not None
    assert base64.b64decode(content) == bytes(letter.pdf)
    assert bytes(letter.pdf).startswith(b"%PDF")


def test_an_organisation_gets_the_person_as_attention() -> None:
    recipient = Recipient.organisation(name="Børnehuset Solsikken", cvr="12345678", attention="Ida")
    letter = make_letter(author=staff(Role.INTAKE), recipient=recipient)
    xml = memo_message(letter)
    validate(xml)
    assert b"<memo:idType>CVR</memo:idType>" in xml
    assert b"<memo:label>Ida</memo:label>" in xml


def test_the_schema_refuses_a_message_out_of_order() -> None:
    letter = make_letter(author=staff(Role.PROFESSIONAL))
    root = ET.fromstring(memo_message(letter))  # noqa: S314 - the message we just wrote
    header = root.find(f"{M}MessageHeader")
    assert header is not None
    recipient = header.find(f"{M}Recipient")
    assert recipient is not None
    header.remove(recipient)
    header.insert(0, recipient)
    with pytest.raises(InvalidMemo):
        validate(ET.tostring(root, encoding="utf-8"))


def test_the_schema_refuses_a_recipient_without_an_id_type() -> None:
    letter = make_letter(author=staff(Role.PROFESSIONAL))
    xml = memo_message(letter).replace(b"<memo:idType>CPR</memo:idType>", b"")
    with pytest.raises(InvalidMemo):
        validate(xml)
