"""Delivery channels: who takes a letter from Sikkerhedsnet and brings it to the recipient.

The channel is a setting (SIKKERHEDSNET_POST_CHANNEL, a dotted path). The demo's channel,
`MemoOutbox`, writes each letter as a validated MeMo message to an outbox folder, where a
Digital Post integration (or a person testing) picks it up. A deployment plugs in its own
provider by writing a class with the same `deliver` and naming it in the setting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from sikkerhedsnet.post.memo import memo_message, validate
from sikkerhedsnet.post.models import Letter


class DeliveryFailed(Exception):
    """The channel did not take the letter; the message is shown to the letter's owner."""


class Channel(Protocol):
    name: str

    def deliver(self, letter: Letter) -> str:
        """Hand the letter over and return the channel's reference, or raise DeliveryFailed."""
        ...


class MemoOutbox:
    """Digital Post as MeMo XML files in a folder: `<outbox>/<message UUID>.xml`."""

    name = "digital_post_outbox"

    def __init__(self, outbox: Path | None = None) -> None:
        self.outbox = Path(outbox or settings.SIKKERHEDSNET_POST_OUTBOX)

    def deliver(self, letter: Letter) -> str:
        if not letter.has_digital_address:
            raise DeliveryFailed(
                _(
                    "Modtageren har ingen Digital Post-adresse (CPR- eller CVR-nummer). "
                    "Send brevet på anden måde, og registrér, hvordan det er sendt."
                )
            )
        xml = memo_message(letter)
        validate(xml)
        try:
            self.outbox.mkdir(parents=True, exist_ok=True)
            target = self.outbox / f"{letter.uuid}.xml"
            # Written beside the target and renamed, so a reader never sees half a message.
            partial = target.with_suffix(".part")
            partial.write_bytes(xml)
            partial.replace(target)
        except OSError as error:
            raise DeliveryFailed(
                _("Brevet kunne ikke lægges i udbakken: %(error)s") % {"error": error.strerror}
            ) from error
        return target.name


def configured_channel() -> Channel:
    channel: Channel = import_string(settings.SIKKERHEDSNET_POST_CHANNEL)()
    return channel
