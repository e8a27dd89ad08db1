from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.measures.models import Measure, MeasureStatus, NetworkSearch
from sikkerhedsnet.measures.tests.catalogue_world import (
    TODAY,
    CatalogueWorld,
    catalogue_world,
    make_measure,
    make_network_search,
)

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def cw(db: None) -> CatalogueWorld:
    return catalogue_world()


def _placement(cw: CatalogueWorld) -> Measure:
    return make_measure(
        cw.tw,
        kind=MeasureKind.FOSTER_FAMILY,
        legal_ground="placement_with_consent",
        siblings="apart",
        start_date=date(2026, 1, 1),
    )


# Access -------------------------------------------------------------------------------------


def _case_pages(cw: CatalogueWorld) -> tuple[list[str], list[str]]:
    case, placed = cw.tw.case.pk, _placement(cw)
    reads = [
        reverse("cases:detail", args=[case]),  # the section
        reverse("measures:measure_detail", args=[case, placed.pk]),
    ]
    writes = [
        reverse("measures:measure_new", args=[case]),
        reverse("measures:network_search_new", args=[case]),
        reverse("measures:measure_move", args=[case, placed.pk]),
    ]
    return reads, writes


@pytest.mark.parametrize(
    ("who", "reads", "writes"),
    [
        ("owner", 200, 200),
        ("leader", 200, 200),
        ("colleague", 200, 404),
        ("other_worker", 404, 404),
        ("other_leader", 404, 404),
        ("fagperson", 404, 404),
        ("intake", 404, 404),
    ],
)
def test_it_requires_access(cw: CatalogueWorld, who: str, reads: int, writes: int) -> None:
    client = client_for(getattr(cw.tw, who))
    read_pages, write_pages = _case_pages(cw)
    assert [client.get(page).status_code for page in read_pages] == [reads] * len(read_pages)
    assert [client.get(page).status_code for page in write_pages] == [writes] * len(write_pages)


def test_a_measure_of_another_case_is_404(cw: CatalogueWorld) -> None:
    other = make_measure(cw.tw, case=cw.tw.other_case, child=cw.tw.other_case.child)
    url = reverse("measures:measure_detail", args=[cw.tw.case.pk, other.pk])
    assert client_for(cw.tw.owner).get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("measures:measure_start", {"version": 1, "start_date": "10.05.2026"}),
        (
            "measures:measure_end",
            {"version": 1, "end_date": "10.05.2026", "reason": "Målet er nået"},
        ),
    ],
)
def test_a_colleague_cannot_start_or_end(
    cw: CatalogueWorld, name: str, data: dict[str, Any]
) -> None:
    decided = make_measure(cw.tw, status=MeasureStatus.DECIDED, start_date=None)
    url = reverse(name, args=[cw.tw.case.pk, decided.pk])
    assert client_for(cw.tw.colleague).post(url, data).status_code == 404
    decided.refresh_from_db()
    assert decided.version == 1


def test_a_page_is_logged_as_a_read_of_the_child(cw: CatalogueWorld) -> None:
    placed = _placement(cw)
    client_for(cw.tw.colleague).get(
        reverse("measures:measure_detail", args=[cw.tw.case.pk, placed.pk])
    )
    row = AccessLog.objects.get()
    assert (row.user, row.child, row.shown) == (cw.tw.colleague, cw.tw.child, "Foranstaltninger")


# Deciding -----------------------------------------------------------------------------------


def _decision(**extra: Any) -> dict[str, Any]:
    return {
        "kind": "family_treatment",
        "offer": "",
        "legal_ground": "support_with_consent",
        "purpose": "Ro om sengetid",
        "expected_months": 6,
        "decided_on": "10.05.2026",
        **extra,
    }


def test_the_decision_page_lists_fitting_offers_least_intrusive_first(cw: CatalogueWorld) -> None:
    page = client_for(cw.tw.owner).get(reverse("measures:measure_new", args=[cw.tw.case.pk]))
    text = page.content.decode()
    table = text[text.index('id="fitting-offers"') :]
    positions = [
        table.index(name)
        for name in (
            "Familiecentret",
            "Hjemmestøtte",
            "Familiehuset Syd",
            "Døgninstitutionen Egely",
        )
    ]
    assert positions == sorted(positions)
    assert "Forældrekursus" not in table[: table.index("</table>")]


def test_the_kind_filter_narrows_the_list(cw: CatalogueWorld) -> None:
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    text = client_for(cw.tw.owner).get(url, {"type": "residential_institution"}).content.decode()
    table = text[text.index('id="fitting-offers"') : text.index("</table>")]
    assert "Døgninstitutionen Egely" in table
    assert "Familiecentret" not in table


def test_a_caseworker_decides_a_local_offer(cw: CatalogueWorld) -> None:
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    data = _decision(offer=cw.centre.pk, start_on="10.05.2026")
    response = client_for(cw.tw.owner).post(url, data)
    decided = Measure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "measures:measure_detail", args=[cw.tw.case.pk, decided.pk]
    )
    assert (decided.offer, decided.status, decided.decided_by) == (
        cw.centre,
        MeasureStatus.ACTIVE,
        cw.tw.owner,
    )


def test_a_more_intrusive_choice_without_a_reason_is_refused_in_danish(cw: CatalogueWorld) -> None:
    make_network_search(cw.tw)
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    data = _decision(
        kind="residential_institution",
        offer=cw.institution.pk,
        legal_ground="placement_with_consent",
        siblings="no_siblings",
        purpose="Mit formål",
    )
    response = client_for(cw.tw.owner).post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Der findes et mindre indgribende tilbud" in text
    assert "Mit formål" in text  # the input is kept
    assert not Measure.objects.exists()


def test_a_placement_without_a_network_search_is_refused(cw: CatalogueWorld) -> None:
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    data = _decision(
        kind="kinship_foster_care",
        provider="Mormor",
        monthly_cost=12000,
        legal_ground="placement_with_consent",
        siblings="together",
        intrusiveness_reason="Barnet er ikke sikkert hjemme.",
    )
    response = client_for(cw.tw.owner).post(url, data)
    assert response.status_code == 400
    assert "netværk være afdækket" in response.content.decode()


def test_a_network_search_is_recorded(cw: CatalogueWorld) -> None:
    url = reverse("measures:network_search_new", args=[cw.tw.case.pk])
    data = {"searched_on": "09.05.2026", "people_considered": "Mormor", "result": "Kan tage barnet"}
    assert client_for(cw.tw.owner).post(url, data).status_code == 302
    assert NetworkSearch.objects.get().searched_by == cw.tw.owner


def test_bad_input_is_a_danish_message_not_an_error(cw: CatalogueWorld) -> None:
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    response = client_for(cw.tw.owner).post(
        url, _decision(expected_months="seks", decided_on="i går", offer="999999")
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "helt antal måneder" in text
    assert "DD.MM.ÅÅÅÅ, fx" in text


def test_the_start_and_end_pages_refuse_and_conflict(cw: CatalogueWorld) -> None:
    decided = make_measure(cw.tw, status=MeasureStatus.DECIDED, start_date=None, decided_on=TODAY)
    client = client_for(cw.tw.owner)
    start = reverse("measures:measure_start", args=[cw.tw.case.pk, decided.pk])
    future = client.post(start, {"version": 1, "start_date": "11.05.2026"})
    assert future.status_code == 400
    assert "fremtiden" in future.content.decode()
    assert client.post(start, {"version": 1, "start_date": "10.05.2026"}).status_code == 302
    end = reverse("measures:measure_end", args=[cw.tw.case.pk, decided.pk])
    ending = {"end_date": "10.05.2026", "reason": "Målet er nået"}
    stale = client.post(end, {"version": 1, **ending})
    assert stale.status_code == 409
    assert client.post(end, {"version": 2, **ending}).status_code == 302


def test_the_case_page_shows_the_measures_and_the_way_to_decide(cw: CatalogueWorld) -> None:
    placed = _placement(cw)
    make_network_search(cw.tw)
    url = reverse("cases:detail", args=[cw.tw.case.pk])
    mine = client_for(cw.tw.owner).get(url).content.decode()
    assert "Foranstaltninger og anbringelser" in mine
    assert reverse("measures:measure_detail", args=[cw.tw.case.pk, placed.pk]) in mine
    assert "Familiens netværk er senest afdækket den 01.04.2026" in mine
    assert reverse("measures:measure_new", args=[cw.tw.case.pk]) in mine
    colleagues = client_for(cw.tw.colleague).get(url).content.decode()
    assert reverse("measures:measure_detail", args=[cw.tw.case.pk, placed.pk]) in colleagues
    assert reverse("measures:measure_new", args=[cw.tw.case.pk]) not in colleagues


def test_a_decision_is_withdrawn_from_its_page(cw: CatalogueWorld) -> None:
    decided = make_measure(cw.tw, status=MeasureStatus.DECIDED, start_date=None, offer=cw.centre)
    url = reverse("measures:measure_withdraw", args=[cw.tw.case.pk, decided.pk])
    assert client_for(cw.tw.colleague).post(url, {"version": 1, "reason": "x"}).status_code == 404
    refused = client_for(cw.tw.owner).post(url, {"version": 1, "reason": ""})
    assert refused.status_code == 400
    assert "Skriv, hvorfor beslutningen trækkes tilbage." in refused.content.decode()
    assert client_for(cw.tw.owner).post(url, {"version": 1, "reason": "Ok"}).status_code == 302
    decided.refresh_from_db()
    assert decided.status == MeasureStatus.ENDED


def test_the_error_summary_names_and_links_each_field(cw: CatalogueWorld) -> None:
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    response = client_for(cw.tw.owner).post(url, _decision(purpose="", expected_months="seks"))
    assert response.status_code == 400
    text = response.content.decode()
    summary = text[text.index('data-module="error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    assert 'tabindex="-1"' in text[text.rindex("<div", 0, text.index("error-summary")) :]
    assert '<a href="#id_purpose">Formål: Skriv formålet med foranstaltningen.</a>' in summary
    assert (
        '<a href="#id_expected_months">Forventet varighed (måneder): '
        "Skriv den forventede varighed som et helt antal måneder.</a>"
    ) in summary
    assert 'id="id_purpose"' in text  # the link's target is on the page


def test_a_refusal_of_the_service_is_linked_to_its_field(cw: CatalogueWorld) -> None:
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    response = client_for(cw.tw.owner).post(url, _decision())  # neither offer nor provider
    assert response.status_code == 400
    assert (
        '<a href="#id_provider">Leverandør: Vælg et tilbud fra kataloget, eller skriv, hvem der '
        "leverer foranstaltningen.</a>"
    ) in response.content.decode()


def test_a_radio_group_error_links_to_its_first_option(cw: CatalogueWorld) -> None:
    url = reverse("measures:measure_new", args=[cw.tw.case.pk])
    response = client_for(cw.tw.owner).post(url, _decision(legal_ground=""))
    text = response.content.decode()
    assert '<a href="#id_legal_ground_0">Retsgrundlag: Vælg retsgrundlaget.</a>' in text
    assert 'id="id_legal_ground_0"' in text


def _label(text: str, field_id: str) -> str:
    start = text.index(f'<label class="form-label" for="{field_id}">')
    return text[start : text.index("</label>", start)]


def test_fields_required_in_some_cases_are_not_called_optional(cw: CatalogueWorld) -> None:
    text = client_for(cw.tw.owner).get(reverse("measures:measure_new", args=[cw.tw.case.pk]))
    page = text.content.decode()
    for field_id in ("id_provider", "id_monthly_cost", "id_intrusiveness_reason"):
        assert "valgfri" not in _label(page, field_id), field_id
    assert "(valgfri)" in _label(page, "id_start_on")  # optional in every case
    hint = page[page.index('id="id_provider-hint"') :]
    assert hint.startswith(
        'id="id_provider-hint">Skal udfyldes, hvis du ikke vælger et tilbud fra kataloget. '
        "Fx plejefamiliens eller netværkets navn.</span>"
    )
    assert 'aria-describedby="id_provider-hint"' in page
