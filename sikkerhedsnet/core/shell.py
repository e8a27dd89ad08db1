"""The municipality's identity on every page, and the content of the two pages every public
website must have: the accessibility statement and how personal data is handled.

Each is read from settings and merged over the defaults here, so a municipality overrides only
the keys it needs (settings.py: SIKKERHEDSNET_MUNICIPALITY_NAME, _LOGO, _CONTACT,
SIKKERHEDSNET_ACCESSIBILITY, SIKKERHEDSNET_PRIVACY). The content is the municipality's own text
in Danish, so it is not translated; the pages' headings are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.templatetags.static import static

# The structure of the Danish Agency for Digital Government's statement (lov om
# tilgængelighed af offentlige organers websteder og mobilapplikationer, § 5).
ACCESSIBILITY_DEFAULTS: dict[str, Any] = {
    # "fuldt" | "delvist" | "ikke": conformance with EN 301 549 / WCAG 2.1 AA.
    "status": "delvist",
    "deviations": [
        {
            "title": "Diagrammer i statistikken",
            "text": (
                "Diagrammerne over trivselsrunder er billeder uden en tabel med de samme tal ved "
                "siden af. Tallene kan hentes som regneark."
            ),
        },
        {
            "title": "API-dokumentationen",
            "text": (
                "Siden /api/docs er til udviklere og bruger Swagger UI, som ikke fuldt ud kan "
                "betjenes med tastatur og skærmlæser."
            ),
        },
    ],
    "disproportionate_burden": "",
    "prepared_on": "2026-01-15",
    "reviewed_on": "2026-01-15",
    "method": (
        "Erklæringen bygger på kommunens egen test af løsningen med automatiske værktøjer "
        "(axe-core) og manuel test med tastatur og skærmlæser."
    ),
    "feedback_email": "",
    "feedback_phone": "",
    "enforcement_url": "https://www.digst.dk/digital-service/webtilgaengelighed/",
}

PRIVACY_DEFAULTS: dict[str, Any] = {
    "purpose": (
        "Kommunen bruger oplysningerne til at vurdere og hjælpe børn og unge, der kan have "
        "brug for støtte, og til at behandle underretninger om børn."
    ),
    "legal_basis": (
        "Kommunen behandler oplysningerne som led i sin myndighedsudøvelse efter Barnets Lov, "
        "jf. databeskyttelsesforordningens artikel 6, stk. 1, litra e, og artikel 9, stk. 2, "
        "litra g, samt databeskyttelseslovens § 8 om oplysninger om strafbare forhold."
    ),
    "retention": (
        "Oplysningerne gemmes, så længe sagen er åben, og derefter efter arkivlovens regler. "
        "Alle opslag på et barn bliver registreret, så det kan kontrolleres, hvem der har set "
        "oplysningerne."
    ),
    "dpo_email": "",
    "dpo_phone": "",
    "complaint_url": "https://www.datatilsynet.dk/",
}


@dataclass(frozen=True)
class Municipality:
    name: str
    logo_url: str
    address: str
    phone: str
    email: str
    website: str
    cvr: str


def municipality() -> Municipality:
    contact: dict[str, str] = getattr(settings, "SIKKERHEDSNET_MUNICIPALITY_CONTACT", {})
    logo: str = getattr(settings, "SIKKERHEDSNET_MUNICIPALITY_LOGO", "")
    if logo and not logo.startswith(("/", "http://", "https://")):
        logo = static(logo)
    return Municipality(
        name=getattr(settings, "SIKKERHEDSNET_MUNICIPALITY_NAME", "") or "Kommunen",
        logo_url=logo,
        address=contact.get("address", ""),
        phone=contact.get("phone", ""),
        email=contact.get("email", ""),
        website=contact.get("website", ""),
        cvr=getattr(settings, "SIKKERHEDSNET_MUNICIPALITY_CVR", ""),
    )


def accessibility() -> dict[str, Any]:
    statement = {**ACCESSIBILITY_DEFAULTS, **getattr(settings, "SIKKERHEDSNET_ACCESSIBILITY", {})}
    contact = municipality()
    statement["feedback_email"] = statement["feedback_email"] or contact.email
    statement["feedback_phone"] = statement["feedback_phone"] or contact.phone
    return statement


def privacy() -> dict[str, Any]:
    page = {**PRIVACY_DEFAULTS, **getattr(settings, "SIKKERHEDSNET_PRIVACY", {})}
    contact = municipality()
    page["dpo_email"] = page["dpo_email"] or contact.email
    page["dpo_phone"] = page["dpo_phone"] or contact.phone
    return page
