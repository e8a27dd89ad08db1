"""The concern guide's built-in texts as messages: the shipped guide reads in the user's language.

The guide is data (data/concern_guide.json, or a version the municipality uploaded), and its
texts are Danish. Each built-in title, level (name, description, next step), area and age band is
listed here once as a literal msgid (makemessages finds it; the English catalogue translates it),
and each built-in sign likewise in screening/guide_signs.py. A text in a guide that is exactly the
built-in one is shown translated; a text the municipality wrote or changed is not in the table
and stays as written, in every language.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.screening.guide_signs import SIGNS

BUILT_IN: tuple[Promise, ...] = (
    _("Trivsels- og bekymringsguide"),
    _(
        "Guiden hjælper dig med at sætte ord på det, du ser hos et barn, og med at vælge det næste "
        "skridt. Sæt flueben ved de tegn, du selv har set. Guiden foreslår det højeste niveau "
        "blandt de tegn, du har markeret, men det er dig, der vurderer: et enkelt tegn kan veje "
        "tungt, og mange tegn kan betyde lidt. Tegnene er eksempler, ikke en tjekliste, og guiden "
        "erstatter ikke din faglige vurdering eller snakken med en kollega. Er du i tvivl, så "
        "drøft barnet med din leder eller en socialrådgiver. Din skærpede underretningspligt "
        "gælder altid."
    ),
    # The levels: name, description, next step.
    _("Trivsel"),
    _(
        "Barnet trives og udvikler sig, som man kan forvente i alderen, og omsorgen dækker "
        "barnets behov."
    ),
    _("Fortsæt som hidtil"),
    _("Begyndende bekymring"),
    _(
        "Der er tegn på, at barnet ikke trives helt, eller at omsorgen svigter på enkelte "
        "områder. Tegnene er ikke alvorlige, men skal følges og tages op med forældrene."
    ),
    _("Tal med forældrene og lav en handleplan i enheden"),
    _("Bekymring"),
    _(
        "Tegnene er tydelige, varer ved eller ses på flere områder, og det, I har prøvet i "
        "enheden, har ikke været nok."
    ),
    _("Tag barnet op på et tværfagligt møde, eller drøft det med en socialrådgiver"),
    _("Alvorlig bekymring"),
    _(
        "Barnets sundhed eller udvikling er i fare, eller der er mistanke om vold, seksuelle "
        "overgreb eller alvorlig omsorgssvigt. Underret med det samme. Ved mistanke om vold eller "
        "overgreb fra forældrene skal du ikke tale med forældrene først."
    ),
    _("Underret kommunen"),
    # The areas.
    _("Barnets udvikling"),
    _("Forældrenes omsorg"),
    _("Familie og omgivelser"),
    # The age bands.
    _("0–1 år"),
    _("1–3 år"),
    _("3–6 år"),
    _("6–10 år"),
    _("10–13 år"),
    _("13–18 år"),
)


def _msgid(message: Promise) -> str:
    # A gettext_lazy proxy keeps the arguments gettext will be called with (Django's `lazy`).
    msgid: str = message._args[0]  # type: ignore[attr-defined]
    return msgid


BY_TEXT: dict[str, Promise] = {_msgid(message): message for message in (*BUILT_IN, *SIGNS)}


def shown(text: str) -> str:
    """The built-in text translated lazily into the language in force when it is rendered; any
    other text (the municipality's own) as written."""
    message = BY_TEXT.get(text)
    return message if message is not None else text  # type: ignore[return-value]
