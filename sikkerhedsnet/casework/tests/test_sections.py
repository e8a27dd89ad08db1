from __future__ import annotations

from datetime import date

import time_machine
from django.test import RequestFactory

from sikkerhedsnet.cases.access import access_case
from sikkerhedsnet.cases.sections import render_case_sections
from sikkerhedsnet.cases.tests.factories import TeamWorld


@time_machine.travel(date(2026, 7, 2))
def test_the_case_page_links_to_the_three_pages_and_names_the_overdue_assessment(
    tw: TeamWorld,
) -> None:
    request = RequestFactory().get("/")
    request.user = tw.owner
    access = access_case(tw.owner, tw.case.pk, shown="sag")
    html = "".join(render_case_sections(request, access))  # type: ignore[arg-type]
    case = tw.case.pk
    for path in ("undersoegelse", "signs-of-safety", "barnets-plan"):
        assert f'href="/sager/{case}/{path}/"' in html
    assert "fristen 01.07.2026 er overskredet, og der er ingen foreløbig vurdering" in html
