"""The shell every page shares: the municipality's identity, the footer's links, and the two
pages every public-sector website must have (the accessibility statement, personal data)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client

from sikkerhedsnet.conftest import World, client_for

STATEMENT_HEADINGS = [
    "Overholdelsesstatus",
    "Indhold, der ikke er tilgængeligt",
    "Udarbejdelse af denne tilgængelighedserklæring",
    "Feedback og kontaktoplysninger",
    "Håndhævelsesprocedure",
]


def html(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return str(response.content.decode())


def part(text: str, tag: str) -> str:
    """The first <tag>…</tag> of the page."""
    match = re.search(rf"<{tag}[ >].*?</{tag}>", text, re.S)
    assert match, tag
    return match.group(0)


def text_of(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_the_accessibility_statement_is_open_to_all_in_the_agencys_structure(db: None) -> None:
    page = html(Client(), "/tilgaengelighed/")
    main = part(page, "main")
    assert re.findall(r"<h2>(.*?)</h2>", main) == STATEMENT_HEADINGS
    assert "<h1>Tilgængelighedserklæring for Sikkerhedsnet</h1>" in main
    text = text_of(main)
    assert "WCAG 2.1" in text
    assert "EN 301 549" in text
    assert "delvist i overensstemmelse" in text
    assert "Digitaliseringsstyrelsen" in text
    assert 'href="https://www.digst.dk/' in main
    assert "15.01.2026" in text  # the statement's date, written as Danes write dates


def test_the_statement_is_the_municipalitys_own(db: None, settings: Any) -> None:
    settings.SIKKERHEDSNET_MUNICIPALITY_NAME = "Herning Kommune"
    settings.SIKKERHEDSNET_MUNICIPALITY_CONTACT = {"email": "borgerservice@herning.dk"}
    settings.SIKKERHEDSNET_ACCESSIBILITY = {
        "status": "fuldt",
        "deviations": [],
        "prepared_on": "2026-11-22",
        "reviewed_on": "2026-11-22",
    }
    main = part(html(Client(), "/tilgaengelighed/"), "main")
    text = text_of(main)
    assert "Herning Kommune er forpligtet" in text
    assert "i fuld overensstemmelse" in text
    assert "Der er ingen kendte afvigelser." in text
    assert "22.11.2026" in text
    assert 'href="mailto:borgerservice@herning.dk"' in main


def test_the_personal_data_page_is_open_to_all(db: None, settings: Any) -> None:
    settings.SIKKERHEDSNET_PRIVACY = {"dpo_email": "dpo@herning.dk"}
    main = part(html(Client(), "/persondata/"), "main")
    assert "<h1>Sådan behandler vi personoplysninger</h1>" in main
    assert 'href="mailto:dpo@herning.dk"' in main
    assert 'href="https://www.datatilsynet.dk/"' in main


def test_a_logged_in_page_shows_the_municipality_and_links_both_pages(
    world: World, settings: Any
) -> None:
    settings.SIKKERHEDSNET_MUNICIPALITY_NAME = "Herning Kommune"
    settings.SIKKERHEDSNET_MUNICIPALITY_CONTACT = {"phone": "96 28 28 28"}
    page = html(client_for(world.owner), "/")
    footer = part(page, "footer")
    assert 'href="/tilgaengelighed/"' in footer
    assert 'href="/persondata/"' in footer
    assert 'href="tel:96282828"' in footer
    header = part(page, "header")
    assert '<span class="portal-logo-name">Herning Kommune</span>' in header
    # Below 992 px the menu, the user and "Log af" are in the drawer behind the menu button.
    assert "js-menu-open" in header
    assert header.count('class="function-link d-print-none log-off"') == 2
    drawer = header[header.index('class="mobile-drawer"') :]
    assert 'class="navigation-menu-mobile"' in drawer
    assert 'href="/" class="nav-link"' in drawer


def test_the_logo_stands_for_the_name_when_set(world: World, settings: Any) -> None:
    settings.SIKKERHEDSNET_MUNICIPALITY_NAME = "Herning Kommune"
    settings.SIKKERHEDSNET_MUNICIPALITY_LOGO = "https://www.herning.dk/logo.svg"
    header = part(html(client_for(world.owner), "/"), "header")
    assert '<img src="https://www.herning.dk/logo.svg" alt="Herning Kommune"' in header
    assert "portal-logo-name" not in header


@pytest.mark.parametrize("path", ["/underretning/", "/tilgaengelighed/"])
def test_the_public_pages_carry_the_footer_and_no_staff_only_sentence(
    db: None, settings: Any, path: str
) -> None:
    settings.SIKKERHEDSNET_MUNICIPALITY_NAME = "Herning Kommune"
    page = html(Client(), path)
    footer = part(page, "footer")
    assert 'href="/tilgaengelighed/"' in footer
    assert 'href="/persondata/"' in footer
    assert "Herning Kommune" in part(page, "header")
    assert "opslag på børn" not in text_of(page).lower()
    assert "js-menu-open" not in page  # no staff menu for a citizen


def test_breadcrumbs_have_separators() -> None:
    rendered = Template(
        '{% load ui %}{% breadcrumbs "/a/" "Emil" "/b/" "Sagen" current="Planen" %}'
    ).render(Context())
    items = rendered.split('<li class="breadcrumbs__list-item"')[1:]
    assert len(items) == 3
    assert "#chevron-right" not in items[0]
    assert all("#chevron-right" in item for item in items[1:])
