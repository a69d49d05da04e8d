"""Which reading of a scanner burst is the code: the text as typed, or the US key positions.

A wedge scanner programmed for the US layout presses the US key positions of its code; under a
Lithuanian, German or French OS layout those keys type other characters, so the key positions
are right and the text is not. A scanner programmed for the host layout types the right
characters from other key positions (German "-" sits on the US "/" key, French digits need
Shift), so the text is right and the positions are not. Neither is always right: the reading
that parses as a code is. Pure Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal, Protocol

from pos_app.scanner.parse import InvalidScan, parse_scan

Source = Literal["keys", "typed"]

NOT_A_CODE: Final = 0
# A card number in some other format (4-32 letters, digits, dashes): "1250" is one too.
FREE_FORM: Final = 1
# What Loyalty.lt prints itself: a nine-digit card number, a QR UUID, a coupon.
ISSUED: Final = 2
# A key to the till itself (the manager badge): it unlocks whatever window is in front.
KEY: Final = 3


class CodeReader(Protocol):
    """How strongly a text reads as a code: NOT_A_CODE, FREE_FORM, ISSUED or KEY."""

    def rank(self, text: str, *, recover_layouts: bool) -> int:
        """`recover_layouts`: also try undoing what a Lithuanian/German/French layout did."""
        ...


def _no_extra(text: str) -> bool:
    return False


@dataclass(frozen=True)
class ScanCodeReader:
    """`parse_scan`'s rules; `is_extra` names the codes that are keys (the manager badge)."""

    is_extra: Callable[[str], bool] = _no_extra

    def rank(self, text: str, *, recover_layouts: bool) -> int:
        """See `CodeReader.rank`."""
        if self.is_extra(text):
            return KEY
        try:
            code = parse_scan(text, recover_layouts=recover_layouts)
        except InvalidScan:
            return NOT_A_CODE
        if self.is_extra(code.value):
            return KEY
        if code.kind != "card_number" or _nine_digits(code.value):
            return ISSUED
        return FREE_FORM


def _nine_digits(value: str) -> bool:
    digits = value.replace("-", "")
    return len(digits) == 9 and digits.isdigit()


@dataclass(frozen=True)
class Reading:
    """The chosen text of a burst, how strongly it reads as a code, and where it came from."""

    text: str
    rank: int
    source: Source


def choose_reading(
    typed: str,
    keys: str | None,
    reader: CodeReader,
    *,
    prefer: Source = "keys",
) -> Reading | None:
    """The reading of a burst that is a code, or None when neither is one.

    `typed` is the text as the OS layout typed it; `keys` the text of the US key positions, or
    None where the platform gave no position codes: then the typed text gets a second chance
    as what a US-programmed scanner types under a Lithuanian, German or French layout, for the
    formats Loyalty.lt issues (a garbled free-form number is left to the card field). When
    both read as different codes of the same strength, `prefer` decides: the source that alone
    read as a code in an earlier burst from the same scanner.
    """
    if keys is None:
        rank = reader.rank(typed, recover_layouts=False)
        if rank != NOT_A_CODE:
            return Reading(typed, rank, "typed")
        # Only a format Loyalty.lt issues: undone layouts turn a typed path into "3tmp3sales7csv".
        rank = reader.rank(typed, recover_layouts=True)
        if rank < ISSUED:
            return None
        return Reading(parse_scan(typed).value, rank, "typed")
    readings: tuple[tuple[Source, str], ...] = (("keys", keys), ("typed", typed))
    found = [
        Reading(text, rank, source)
        for source, text in readings
        if (rank := reader.rank(text, recover_layouts=False)) != NOT_A_CODE
    ]
    if not found:
        return None
    best = max(reading.rank for reading in found)
    top = [reading for reading in found if reading.rank == best]
    if len(top) == 1 or top[0].text == top[1].text:
        return top[0]
    return top[0] if top[0].source == prefer else top[1]
