"""Danish CPR numbers: parsing, birth date, sex, replacement numbers, masking.

No modulus-11 check: numbers issued since 2007 need not satisfy it. Replacement numbers
(erstatningspersonnumre) add 60 to the day of month; they are accepted and marked, and the
synthetic municipality uses only those so that no generated number can be a real person's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from django.utils.translation import gettext as _

_CPR_RE = re.compile(r"^(\d{6})-?(\d{4})$")
REPLACEMENT_DAY_OFFSET = 60


class CprError(ValueError):
    """An invalid CPR number; the message is shown to the professional as it is."""


@dataclass(frozen=True)
class Cpr:
    digits: str  # ten digits, no dash
    birth_date: date
    sex: Literal["female", "male"]
    is_replacement: bool

    @property
    def formatted(self) -> str:
        return f"{self.digits[:6]}-{self.digits[6:]}"

    @property
    def masked(self) -> str:
        return mask(self.digits)

    def __str__(self) -> str:
        return self.formatted


CPR_DIGITS = 10

# CPR-kontoret's table: the 7th digit and the two-digit year give the century.
LAST_1900S_DIGIT = 3
DIGITS_2000_UNTIL_36 = (4, 9)
LAST_2000S_YEAR_FOR_4_AND_9 = 36
LAST_2000S_YEAR_FOR_5_TO_8 = 57


def century(year2: int, seventh_digit: int) -> int:
    """The century a CPR number's two-digit year belongs to, from the 7th digit (CPR-kontoret)."""
    if seventh_digit <= LAST_1900S_DIGIT:
        return 1900
    if seventh_digit in DIGITS_2000_UNTIL_36:
        return 2000 if year2 <= LAST_2000S_YEAR_FOR_4_AND_9 else 1900
    return 2000 if year2 <= LAST_2000S_YEAR_FOR_5_TO_8 else 1800


def parse(value: str) -> Cpr:
    """Parse `DDMMYY-SSSS` or `DDMMYYSSSS`; raise CprError with a Danish message saying why not."""
    text = (value or "").strip()
    if not text:
        raise CprError(_("CPR-nummeret mangler."))
    match = _CPR_RE.match(text)
    if not match:
        digits = re.sub(r"\D", "", text)
        if re.search(r"[^\d-]", text):
            raise CprError(_("CPR-nummeret må kun indeholde cifre og en bindestreg (DDMMÅÅ-XXXX)."))
        raise CprError(
            _("CPR-nummeret skal have 10 cifre (DDMMÅÅ-XXXX); der er %(count)d.")
            % {"count": len(digits)}
        )
    digits = match.group(1) + match.group(2)
    day, month, year2 = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    is_replacement = day > REPLACEMENT_DAY_OFFSET
    if is_replacement:
        day -= REPLACEMENT_DAY_OFFSET
    year = century(year2, int(digits[6])) + year2
    try:
        birth = date(year, month, day)
    except ValueError:
        raise CprError(
            _("CPR-nummeret begynder med en dato, der ikke findes: %(date)s.")
            % {"date": f"{digits[0:2]}.{digits[2:4]}.{year}"}
        ) from None
    sex: Literal["female", "male"] = "male" if int(digits[9]) % 2 else "female"
    return Cpr(digits=digits, birth_date=birth, sex=sex, is_replacement=is_replacement)


def mask(digits: str) -> str:
    """`DDMMYY-xxxx`: enough to tell children apart in a list, not enough to identify one."""
    return f"{digits[:6]}-xxxx"


def format_digits(digits: str) -> str:
    return f"{digits[:6]}-{digits[6:]}"


def seventh_digit_for(year: int, serial_rest: int) -> int:
    """A valid 7th digit for a birth year, chosen among those the century rule allows."""
    year2 = year % 100
    options = [d for d in range(10) if century(year2, d) + year2 == year]
    if not options:
        raise ValueError(f"no CPR series covers {year}")
    return options[serial_rest % len(options)]


def make_replacement(birth: date, serial: int, sex: Literal["female", "male"]) -> str:
    """Ten digits of a replacement CPR number (day + 60) for a synthetic person."""
    seventh = seventh_digit_for(birth.year, serial // 1000)
    middle = serial % 100
    last = (serial // 100) % 5 * 2 + (1 if sex == "male" else 0)
    day = birth.day + REPLACEMENT_DAY_OFFSET
    return f"{day:02d}{birth.month:02d}{birth.year % 100:02d}{seventh}{middle:02d}{last}"
