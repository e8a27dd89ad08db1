"""The one plug-in table: every entry loads, each kind lists its entries once, in order."""

from __future__ import annotations

import pytest

from sikkerhedsnet.cases.hooks import CaseSection, JournalLinks
from sikkerhedsnet.lib import plugins
from sikkerhedsnet.lib.fileformats import FileFormat
from sikkerhedsnet.lib.front_page import FrontPanel
from sikkerhedsnet.lib.worklist import Rule, worklist_rules
from sikkerhedsnet.people.hooks import ChildScope, ChildSection
from sikkerhedsnet.plugins import PLUGINS


def _kinds() -> dict[str, type | None]:
    """What fills each kind: a type, or None for plain functions."""
    objects = {
        "child_scopes": ChildScope,
        "child_page_sections": ChildSection,
        "case_page_sections": CaseSection,
        "worklist_rules": Rule,
        "import_formats": FileFormat,
        "journal_links": JournalLinks,
        "front_page_panels": FrontPanel,
    }
    return {kind: objects.get(kind) for kind in PLUGINS}


@pytest.mark.parametrize("kind", sorted(PLUGINS))
def test_every_entry_of_the_table_loads_as_what_its_kind_needs(kind: str) -> None:
    of_type = _kinds()[kind]
    found = plugins.load(kind, of_type) if of_type else plugins.load_callables(kind)
    assert len(found) == len(PLUGINS[kind]) > 0


@pytest.mark.parametrize("kind", sorted(PLUGINS))
def test_no_entry_is_listed_twice(kind: str) -> None:
    assert len(set(PLUGINS[kind])) == len(PLUGINS[kind])


def test_a_plug_in_of_the_wrong_type_is_refused() -> None:
    with plugins.overridden("worklist_rules", ["not a rule"]), pytest.raises(TypeError):
        plugins.load("worklist_rules", Rule)


def test_overriding_a_kind_lasts_for_the_block_only() -> None:
    listed = plugins.load("import_formats", FileFormat)
    with plugins.overridden("import_formats", []):
        assert plugins.load("import_formats", FileFormat) == []
    assert plugins.load("import_formats", FileFormat) == listed


def test_the_rules_come_in_the_table_order_with_each_code_once() -> None:
    codes = [rule.code for rule in worklist_rules()]
    assert len(codes) == len(set(codes)) == len(PLUGINS["worklist_rules"])
    assert codes[0] == "not_screened"


def test_a_path_listed_twice_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    doubled = {"worklist_rules": ["sikkerhedsnet.screening.worklist.NOT_SCREENED"] * 2}
    monkeypatch.setattr("sikkerhedsnet.plugins.PLUGINS", doubled)
    plugins._from_table.cache_clear()
    try:
        with pytest.raises(ValueError, match="twice"):
            plugins.load("worklist_rules", Rule)
    finally:
        monkeypatch.undo()
        plugins._from_table.cache_clear()
