"""The concern guide's built-in texts read in the user's language; the municipality's own texts
stay as written (screening/guide_texts.py, the signs in screening/guide_signs.py)."""

from __future__ import annotations

from html import unescape

import pytest
from django.utils import translation
from django.utils.functional import Promise

from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.screening.guide_signs import SIGNS
from sikkerhedsnet.screening.guide_texts import BY_TEXT
from sikkerhedsnet.screening.selectors.guide import default_content, default_guide
from sikkerhedsnet.screening.services.guide import guide_version_upload


def test_every_built_in_title_level_area_and_age_band_is_a_message() -> None:
    content = default_content()
    texts = [content["title"], content["introduction"]]
    texts += [lv[key] for lv in content["levels"] for key in ("name", "description", "next_step")]
    texts += [area["name"] for area in content["areas"]]
    texts += [band["name"] for band in content["age_bands"]]
    assert [text for text in texts if text not in BY_TEXT] == []


def test_every_built_in_sign_is_listed_once_as_a_message() -> None:
    content = default_content()
    signs = [s["text"] for band in content["age_bands"] for a in band["areas"] for s in a["signs"]]
    with translation.override("da"):  # the source language: a message reads as its msgid
        listed = [str(message) for message in SIGNS]
    assert [text for text in dict.fromkeys(signs) if text not in listed] == []
    assert [text for text in listed if text not in signs] == []  # none left from an older guide
    assert len(listed) == len(set(listed))
    assert [text for text in signs if text not in BY_TEXT] == []


def test_the_shipped_guide_is_read_in_the_language_in_force() -> None:
    guide = default_guide()
    assert isinstance(guide.level(4).next_step, Promise)
    with translation.override("en"):
        assert str(guide.level(4).next_step) == "Notify the municipality"
        assert str(guide.age_bands[0].areas[0].name) == "The child's development"
    with translation.override("da"):
        assert str(guide.level(4).next_step) == "Underret kommunen"


@pytest.mark.usefixtures("today")
def test_in_english_the_built_in_texts_are_english_and_the_municipalitys_own_as_written(
    world: World,
) -> None:
    content = default_content()
    content["version"] = "2027.1"
    content["levels"][0]["name"] = "Trivsel i Solsikken"
    guide_version_upload(
        actor=world.role_users[Role.ADMINISTRATOR], content=content, note="", based_on=None
    )
    world.owner.language = "en"
    world.owner.save(update_fields=["language"])
    page = unescape(client_for(world.owner).get("/bekymringsguide/").content.decode())
    assert "Notify the municipality" in page  # level 4's next step, built in
    assert "The child's development" in page  # an area, built in
    assert "Trivsel i Solsikken" in page  # the municipality's own name for level 1
    assert "Underret kommunen" not in page


# The shipped guide's first sign (0-1.dev.1.a), in Danish and in English.
FIRST_SIGN = "Barnet søger øjenkontakt, smiler og reagerer på kendte voksnes stemmer."
FIRST_SIGN_EN = "The child seeks eye contact, smiles and responds to the voices of familiar adults."


def test_the_shipped_guides_signs_are_read_in_the_language_in_force() -> None:
    sign = default_guide().age_bands[0].areas[0].signs[0]
    assert isinstance(sign.text, Promise)
    with translation.override("en"):
        assert str(sign.text) == FIRST_SIGN_EN
    with translation.override("da"):
        assert str(sign.text) == FIRST_SIGN


@pytest.mark.usefixtures("today")
def test_in_english_the_built_in_signs_are_english_and_the_municipalitys_own_as_written(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stored version is parsed once per (id, upload time): with time frozen, another test's
    # upload has the same key, so this test starts from an empty store.
    monkeypatch.setattr("sikkerhedsnet.screening.selectors.guide._PARSED", {})
    content = default_content()
    content["version"] = "2027.1"
    content["age_bands"][0]["areas"][0]["signs"][1]["text"] = "Barnet sover godt i Solsikken."
    guide_version_upload(
        actor=world.role_users[Role.ADMINISTRATOR], content=content, note="", based_on=None
    )
    world.owner.language = "en"
    world.owner.save(update_fields=["language"])
    page = client_for(world.owner).get("/bekymringsguide/?alder=0-1").content.decode()
    page = unescape(page)
    assert FIRST_SIGN_EN in page  # built in
    assert "Barnet sover godt i Solsikken." in page  # the municipality's own sign
    assert FIRST_SIGN not in page
