"""A letter as a Digital Post message in the MeMo format (MeMo 1.1, mandatory since 2023).

The message carries the letter's PDF as its main document; the header names the municipality
(by its CVR number) as sender and the recipient by CPR or CVR number. Every message is checked
against the MeMo schema before it leaves (`validate`).
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from datetime import UTC
from functools import cache
from pathlib import Path

import xmlschema
from django.conf import settings

from sikkerhedsnet.lib.letters import LETTER_LANGUAGE
from sikkerhedsnet.post.models import Letter

NAMESPACE = "https://DigitalPost.dk/MeMo-1"
MEMO_VERSION = "1.1"
MEMO_SCHEMA_VERSION = "1.1.0"
SUBSET_SCHEMA = Path(__file__).with_name("memo_core_subset.xsd")
NOTIFICATION_MAX = 150

ET.register_namespace("memo", NAMESPACE)


class InvalidMemo(ValueError):
    """The message does not validate against the MeMo schema: a bug here, never the user's."""


def _add(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _sender(header: ET.Element) -> None:
    sender = _add(header, "Sender")
    _add(sender, "senderID", settings.SIKKERHEDSNET_MUNICIPALITY_CVR)
    _add(sender, "idType", "CVR")
    _add(sender, "label", settings.SIKKERHEDSNET_MUNICIPALITY_NAME or "Kommunen")


def _recipient(header: ET.Element, letter: Letter) -> None:
    recipient = _add(header, "Recipient")
    _add(recipient, "recipientID", letter.recipient_id)
    _add(recipient, "idType", letter.recipient_id_type)
    _add(recipient, "label", letter.recipient_name[:256])
    if letter.recipient_attention:
        person = _add(_add(recipient, "AttentionData"), "AttentionPerson")
        _add(person, "label", letter.recipient_attention[:256])


def _body(message: ET.Element, letter: Letter) -> None:
    body = _add(message, "MessageBody")
    _add(body, "createdDateTime", letter.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    document = _add(body, "MainDocument")
    _add(document, "mainDocumentID", str(letter.uuid))
    _add(document, "label", letter.title[:256])
    file = _add(document, "File")
    _add(file, "encodingFormat", "application/pdf")
    _add(file, "filename", letter.filename)
    _add(file, "language", LETTER_LANGUAGE)
    _add(file, "content", base64.b64encode(bytes(letter.pdf)).decode("ascii"))


def memo_message(letter: Letter) -> bytes:
    """The letter as a MeMo message (UTF-8 XML), for a recipient with a Digital Post address."""
    message = ET.Element(
        f"{{{NAMESPACE}}}Message",
        {"memoVersion": MEMO_VERSION, "memoSchVersion": MEMO_SCHEMA_VERSION},
    )
    header = _add(message, "MessageHeader")
    _add(header, "messageType", "DIGITALPOST")
    _add(header, "messageUUID", str(letter.uuid))
    _add(header, "messageID", f"sikkerhedsnet-{letter.pk}")
    _add(header, "label", letter.title[:256])
    _add(header, "notification", f"Nyt brev: {letter.title}"[:NOTIFICATION_MAX])
    _add(header, "mandatory", "false")
    _add(header, "legalNotification", "false")
    _sender(header)
    _recipient(header, letter)
    _body(message, letter)
    xml: bytes = ET.tostring(message, encoding="utf-8", xml_declaration=True)
    return xml


@cache
def _schema(path: str) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(path)


def schema_path() -> str:
    return str(getattr(settings, "SIKKERHEDSNET_MEMO_XSD", "") or SUBSET_SCHEMA)


def validate(xml: bytes) -> None:
    """Refuse a message the MeMo schema does not accept."""
    errors = list(_schema(schema_path()).iter_errors(xml.decode("utf-8")))
    if errors:
        raise InvalidMemo("; ".join(str(error.reason or error) for error in errors[:3]))
