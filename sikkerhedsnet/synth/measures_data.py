"""The measures step's texts, and its rows before they are written (columns in table order)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

PURPOSES = {
    "support": (
        "Forældrene får redskaber til faste rutiner og til at sætte grænser.",
        "Barnet får en fast voksen at tale med og støtte til skole og fritid.",
        "Familien får hjælp til at bryde konflikterne i hjemmet.",
    ),
    "placement": (
        "Barnet får en stabil hverdag med trygge voksne, mens forældrene får behandling.",
        "Barnet får den omsorg og støtte, det har brug for, tæt på skole og netværk.",
        "Den unge får ro til skolegang og hjælp til at komme ud af kriminalitet og misbrug.",
    ),
}
INTRUSIVENESS_REASON = (
    "Støtte i hjemmet og netværkspleje er afprøvet eller undersøgt og kan ikke dække barnets behov."
)
WHAT_CHANGED = (
    "Barnet er faldet godt til og kommer i skole hver dag.",
    "Der er færre konflikter derhjemme; forældrene bruger de aftalte redskaber.",
    "Barnet har det svært i perioder; indsatsen justeres med flere samtaler.",
    "Samværet med forældrene fungerer, og barnet glæder sig til weekenderne.",
    "Ingen væsentlige ændringer; vi fortsætter som aftalt.",
)
PROFESSIONALS = ("Lærer og familiebehandler", "Pædagog", "Plejefamilien", "Kontaktperson", "")
VISIT_NOTES = (
    "Talte med barnet alene; barnet trives og føler sig tryg.",
    "Barnet fortæller om gode venner og savner mor; samvær drøftet.",
    "Rundvisning og samtale med barnet og de voksne; ingen bemærkninger.",
)
PEOPLE_CONSIDERED = (
    "Mormor og morfar, moster og en familieven er kontaktet.",
    "Farmor, faster og en nabo, som barnet kender godt, er kontaktet.",
    "Forældrenes søskende og barnets voksne halvbror er kontaktet.",
)
SEARCH_FOUND = "Mormor kan tage barnet og er godkendt som netværksplejefamilie."
SEARCH_NOT_FOUND = "Netværket kan støtte med samvær og weekender, men ikke have barnet boende."
OWN_INTERVAL_REASONS = {
    4: "Tæt opfølgning i opstarten, hvor barnet har det svært.",
    12: "Stabil anbringelse; barnet og plejefamilien ønsker ro.",
}
COORDINATOR_CONTACT = "Voksenafdelingen, Rådhuset"


@dataclass(frozen=True, slots=True)
class OfferInfo:
    id: int
    name: str
    provider: str
    kind: str
    local: bool
    min_age: int
    max_age: int
    capacity: int | None
    price: int


@dataclass(slots=True)
class MeasureRow:
    """One measure before it becomes a tuple (in Measure's column order, see COLUMNS)."""

    id: int
    case_id: int
    child_id: int
    kind: str
    offer_id: int | None
    provider: str
    in_municipality: bool
    legal_ground: str
    purpose: str
    expected_months: int
    intrusiveness_reason: str
    acute: bool
    siblings: str
    moved_from_id: int | None
    status: str
    decided_on: date
    decided_by_id: int | None
    waiting_since: date | None
    start_date: date | None
    end_date: date | None
    monthly_cost: int
    follow_up_interval_weeks: int | None
    follow_up_interval_reason: str
    next_follow_up_due: date | None
    version: int = 1


MEASURE_COLUMNS: tuple[str, ...] = tuple(MeasureRow.__slots__)
OFFER_COLUMNS = (
    "id",
    "name",
    "provider",
    "kind",
    "in_municipality",
    "min_age",
    "max_age",
    "target_group",
    "capacity",
    "monthly_price",
    "active",
    "version",
)
SEARCH_COLUMNS = (
    "id",
    "case_id",
    "searched_on",
    "searched_by_id",
    "people_considered",
    "result",
    "found_carer",
)
FOLLOW_UP_COLUMNS = (
    "id",
    "measure_id",
    "held_on",
    "held_by_id",
    "child_took_part",
    "family_took_part",
    "network_took_part",
    "professionals",
    "what_changed",
    "safety_scale",
    "next_due",
)
VISIT_COLUMNS = ("id", "measure_id", "visited_on", "visited_by_id", "spoke_with_child", "note")
GOAL_LINK_COLUMNS = ("id", "measure_id", "plangoal_id")
COORDINATOR_COLUMNS = ("id", "child_id", "name", "contact", "named_on", "named_by_id")
CASE_COLUMNS = (
    "id",
    "child_id",
    "opened_on",
    "became_aware_on",
    "assessment_due_on",
    "source_notification_id",
    "team_id",
    "caseworker_id",
    "status",
    "version",
)
ASSIGNMENT_COLUMNS = (
    "id",
    "case_id",
    "caseworker_id",
    "since",
    "until",
    "reason",
    "over_cap_reason",
    "assigned_by_id",
)
OVER_CAP_REASON = "Teamet er fuldt; sagen kan ikke vente, og en kollega overtager snart en sag."


@dataclass
class Rows:
    offers: list[tuple[Any, ...]] = field(default_factory=list)
    cases: list[tuple[Any, ...]] = field(default_factory=list)
    assignments: list[tuple[Any, ...]] = field(default_factory=list)
    measures: list[MeasureRow] = field(default_factory=list)
    searches: list[tuple[Any, ...]] = field(default_factory=list)
    follow_ups: list[tuple[Any, ...]] = field(default_factory=list)
    visits: list[tuple[Any, ...]] = field(default_factory=list)
    goal_links: list[tuple[Any, ...]] = field(default_factory=list)
    coordinators: list[tuple[Any, ...]] = field(default_factory=list)
