from __future__ import annotations

from datetime import UTC, date, datetime

from django.test import RequestFactory

from sikkerhedsnet.cases.access import access_case
from sikkerhedsnet.cases.hooks import render_case_sections
from sikkerhedsnet.cases.tests.factories import TeamWorld

# Midnight UTC on 02.07.2026: the assessment was due the day before.
TODAY = datetime(2026, 7, 2, tzinfo=UTC)


def test_the_case_page_links_to_the_three_pages_and_names_the_overdue_assessment(
    tw: TeamWorld, today: date
) -> None:
    request = RequestFactory().get("/")
    request.user = tw.owner
    access = access_case(tw.owner, tw.case.pk, shown="sag")
    html = "".join(render_case_sections(request, access))  # type: ignore[arg-type]
    case = tw.case.pk
    for path in ("undersoegelse", "signs-of-safety", "barnets-plan"):
        assert f'href="/sager/{case}/{path}/"' in html
    assert "fristen 01.07.2026 er overskredet, og der er ingen foreløbig vurdering" in html
