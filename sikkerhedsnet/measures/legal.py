"""The law a decision letter names: the paragraph each decision is made under, who is a party,
and how to complain. Law, not municipal policy (that is sikkerhedsnet/policy.py): these numbers
change only when the act does.

The act is Barnets Lov (lov nr. 721 af 14.6.2023, in force 2024; DESIGN §3 names it and the
paragraphs below). Check a number against the consolidated act before changing it here.
"""

from __future__ import annotations

from sikkerhedsnet.measures.models import LegalGround

LAW = "barnets lov"  # as the act is named in running Danish text

# The paragraph of Barnets Lov a measure on each legal ground is decided under.
PARAGRAPH: dict[str, str] = {
    # Early preventive help (advice, groups): DESIGN §3's ladder, and LegalGround's label.
    LegalGround.EARLY_HELP: "§ 30",
    # Support in the home, contact person, family and day treatment: DESIGN §3's ladder, and
    # LegalGround's label "Støtte med samtykke (§ 32)".
    LegalGround.SUPPORT_WITH_CONSENT: "§ 32",
    # LegalGround's labels "Anbringelse med samtykke (§ 46)" and "… uden samtykke (§ 47)".
    LegalGround.PLACEMENT_WITH_CONSENT: "§ 46",
    LegalGround.PLACEMENT_WITHOUT_CONSENT: "§ 47",
}

# Complaints to Ankestyrelsen: Barnets Lov §§ 144–150 (DESIGN §3).
COMPLAINT_PARAGRAPHS = "§§ 144–150"
# The complaint must have reached the municipality within 4 weeks of the party receiving the
# decision; the municipality looks at the decision again within 4 weeks and, if it keeps it,
# sends the complaint on to Ankestyrelsen (issue item 7's klagevejledning).
COMPLAINT_WEEKS = 4
RECONSIDERATION_WEEKS = 4

# From 10 years the child exercises party rights and gets the decision herself: Barnets Lov § 3
# (DESIGN §3).
CHILD_PARTY_AGE = 10
CHILD_PARTY_PARAGRAPH = "§ 3"


def paragraph(legal_ground: str) -> str:
    """ "§ 32" for a legal ground; KeyError for one the act does not know (a bug, not input)."""
    return PARAGRAPH[legal_ground]
