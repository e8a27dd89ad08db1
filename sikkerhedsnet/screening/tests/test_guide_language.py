"""The concern guide's built-in texts read in the user's language; the municipality's own texts
stay as written (screening/guide_texts.py)."""

from __future__ import annotations

from html import unescape

import pytest
from django.utils import translation
from django.utils.functional import Promise

from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role
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
