from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sikkerhedsnet.lib import cpr


@pytest.mark.parametrize(
    ("value", "birth"),
    [
        ("010203-0123", date(1903, 2, 1)),  # 7th digit 0-3: always 1900s
        ("010203-3123", date(1903, 2, 1)),
        ("010236-4123", date(2036, 2, 1)),  # 4: 00-36 is 2000s
        ("010237-4123", date(1937, 2, 1)),  # 4: 37-99 is 1900s
        ("010257-5123", date(2057, 2, 1)),  # 5-8: 00-57 is 2000s
        ("010258-8123", date(1858, 2, 1)),  # 5-8: 58-99 is 1800s
        ("010236-9123", date(2036, 2, 1)),  # 9: like 4
        ("010299-9123", date(1999, 2, 1)),
        ("170521-4012", date(2021, 5, 17)),
    ],
)
def test_century_rule(value: str, birth: date) -> None:
    assert cpr.parse(value).birth_date == birth


def test_dash_is_optional_and_spaces_are_trimmed() -> None:
    assert cpr.parse(" 1705214012 ").digits == cpr.parse("170521-4012").digits == "1705214012"


def test_sex_from_last_digit() -> None:
    assert cpr.parse("170521-4011").sex == "male"
    assert cpr.parse("170521-4012").sex == "female"


def test_no_modulus_11_check() -> None:
    # 010101-1234 fails modulus 11; numbers issued since 2007 may, so it is accepted.
    assert cpr.parse("010101-1234").digits == "0101011234"


def test_replacement_numbers_are_accepted_and_marked() -> None:
    parsed = cpr.parse("770521-4012")  # day 77 = 17 + 60
    assert parsed.is_replacement
    assert parsed.birth_date == date(2021, 5, 17)
    assert not cpr.parse("170521-4012").is_replacement


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "mangler"),
        ("310221-4012", "dato, der ikke findes: 31.02.2021"),
        ("290221-4012", "dato, der ikke findes: 29.02.2021"),
        ("001321-4012", "dato, der ikke findes"),
        ("910221-4012", "dato, der ikke findes"),  # replacement day 31 in February
        ("17052-4012", "10 cifre"),
        ("170521-40123", "10 cifre"),
        ("17O521-4012", "kun indeholde cifre"),
        ("170521 4012", "kun indeholde cifre"),
    ],
)
def test_invalid_input_says_what_is_wrong_in_danish(value: str, message: str) -> None:
    with pytest.raises(cpr.CprError, match=message):
        cpr.parse(value)


def test_leap_day_is_a_real_date() -> None:
    assert cpr.parse("290220-4012").birth_date == date(2020, 2, 29)


def test_mask_hides_the_serial() -> None:
    assert cpr.mask("1705214012") == "170521-xxxx"
    assert cpr.parse("1705214012").masked == "170521-xxxx"


@given(
    birth=st.dates(min_value=date(2000, 1, 1), max_value=date(2036, 12, 31)),
    serial=st.integers(min_value=0, max_value=9999),
    sex=st.sampled_from(["female", "male"]),
)
def test_generated_replacement_numbers_parse_back(birth: date, serial: int, sex: str) -> None:
    digits = cpr.make_replacement(birth, serial, sex)  # type: ignore[arg-type]
    parsed = cpr.parse(digits)
    assert (parsed.birth_date, parsed.sex, parsed.is_replacement) == (birth, sex, True)
