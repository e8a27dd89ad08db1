import json
from pathlib import Path

import pytest
from pytest_django.fixtures import Settings as SettingsWrapper

from sikkerhedsnet.policy import Policy, PolicyError, build_policy, get_policy


def test_defaults_are_the_swedish_model() -> None:
    policy = Policy()
    assert policy.notification_assessment_hours == 24
    assert policy.caseload_cap == 25
    assert policy.screening_round_deadlines == ((3, 1), (10, 15))
    assert policy.adbb_cutoff == 5


def test_a_deployment_overrides_a_number(settings: SettingsWrapper) -> None:
    settings.SIKKERHEDSNET_POLICY = {"caseload_cap": 20}
    assert get_policy().caseload_cap == 20
    settings.SIKKERHEDSNET_POLICY = {}
    assert get_policy().caseload_cap == 25


def test_round_deadlines_from_json_become_tuples() -> None:
    policy = build_policy({"screening_round_deadlines": [[2, 15], [9, 30]]})
    assert policy.screening_round_deadlines == ((2, 15), (9, 30))


def test_unknown_names_and_wrong_types_are_refused() -> None:
    with pytest.raises(PolicyError, match="Ukendt"):
        build_policy({"caseload_kap": 20})
    with pytest.raises(PolicyError, match="int"):
        build_policy({"caseload_cap": "20"})


def test_a_policy_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: SettingsWrapper
) -> None:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"unit_plan_days": 10}), encoding="utf-8")
    monkeypatch.setenv("SIKKERHEDSNET_POLICY_FILE", str(path))
    get_policy.cache_clear()
    try:
        assert get_policy().unit_plan_days == 10
    finally:
        monkeypatch.delenv("SIKKERHEDSNET_POLICY_FILE")
        get_policy.cache_clear()
