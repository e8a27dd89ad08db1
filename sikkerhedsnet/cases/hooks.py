"""The hooks of the case page, which later areas fill through the plug-in table.

- `CaseSection` ("case_page_sections"): a section of the case page (assessment, Signs of Safety,
  plan, measures …). It gets the request and the CaseAccess (the access check and log are already
  done, and its capabilities say what the viewer may change) and returns rendered HTML, or None
  when it has nothing to show.
- `DeadlineProvider` ("case_deadlines"): what is due next on a case ("Mine sager", the caseload,
  the case page). A provider gets a list of cases and returns, per case id, its open deadlines
  (date, label), working on the whole list at once (one query, not one per case).
- `JournalLinks` ("journal_links"): where an automatic journal entry links back to, by the type
  of the object it came from (a measure to its page, a follow-up to its measure's page).

Each is written in the area's `case_page.py`, `case_deadlines.py` or `journal.py` and listed by
dotted path in `sikkerhedsnet/plugins.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.safestring import SafeString

from sikkerhedsnet.cases.models import Case, JournalEntry
from sikkerhedsnet.lib.plugins import load, load_callables
from sikkerhedsnet.lib.worklist import Link

if TYPE_CHECKING:
    from sikkerhedsnet.cases.access import CaseAccess
    from sikkerhedsnet.lib.http import AuthedRequest

Renderer = Callable[["AuthedRequest", "CaseAccess"], SafeString | None]


@dataclass(frozen=True)
class CaseSection:
    name: str
    render: Renderer


def render_case_sections(request: AuthedRequest, access: CaseAccess) -> list[SafeString]:
    rendered = (
        section.render(request, access) for section in load("case_page_sections", CaseSection)
    )
    return [html for html in rendered if html]


@dataclass(frozen=True)
class Due:
    on: date
    label: str | Promise


DeadlineProvider = Callable[[list[Case]], dict[int, list[Due]]]


def next_due(cases: list[Case]) -> dict[int, Due]:
    """The earliest open deadline per case; a case with none is left out."""
    found: dict[int, Due] = {}
    provider: DeadlineProvider
    for provider in load_callables("case_deadlines"):
        for case_id, dues in provider(cases).items():
            for due in dues:
                if case_id not in found or due.on < found[case_id].on:
                    found[case_id] = due
    return found


# The case id and the ids of the sources of one type on the page, to each source's link. One
# query at most per type, not one per entry.
LinkFinder = Callable[[int, list[int]], dict[int, Link]]


@dataclass(frozen=True)
class JournalLinks:
    by_source: Mapping[str, LinkFinder]  # the source's model label: "measures.measure"


def journal_links(case: Case, entries: Iterable[JournalEntry]) -> dict[int, Link]:
    """Each automatic entry's link back to what it came from, by entry id (if it has one)."""
    wanted: dict[str, list[JournalEntry]] = defaultdict(list)
    for entry in entries:
        if entry.source_id is not None:
            wanted[entry.source_type].append(entry)
    finders: dict[str, LinkFinder] = {}
    for links in load("journal_links", JournalLinks):
        finders.update(links.by_source)
    found: dict[int, Link] = {}
    for source_type, of_type in wanted.items():
        finder = finders.get(source_type)
        if finder is None:
            continue
        ids = [entry.source_id for entry in of_type if entry.source_id is not None]
        links_by_id = finder(case.pk, ids)
        for entry in of_type:
            if entry.source_id in links_by_id:
                found[entry.pk] = links_by_id[entry.source_id]
    return found
