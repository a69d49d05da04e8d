"""Turn raw scanned or typed text into a card identifier the Loyalty.lt API accepts, or refuse it.

Pure and cheap: no Qt, no I/O. The rules are listed under `parse_scan` in docs/API.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal
from urllib.parse import parse_qsl, urlsplit

from pos_app.scanner.layouts import LAYOUTS

ScanKind = Literal["card_number", "qr_uuid", "coupon"]

NOTHING_SCANNED: Final = "Nothing was scanned."
NOT_A_CARD: Final = "That code isn't a loyalty card."
TOO_LONG: Final = "That code is too long to be a loyalty card."
AMBIGUOUS: Final = "That code could not be read reliably. Type the card number instead."

# Longer than any URL a loyalty QR code carries; refusing early keeps the regexes cheap.
_MAX_INPUT = 512
_MAX_URL = 300

_HEX = "[0-9a-fA-F]"
_UUID_BODY = (
    rf"{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}"  # canonical
    rf"|{_HEX}{{32}}"  # without dashes
)
_UUID_ALONE = re.compile(rf"(?:urn:uuid:)?(\{{)?({_UUID_BODY})(?(1)\}})", re.IGNORECASE)
_UUID_IN_URL = re.compile(rf"(?<![0-9a-zA-Z])({_UUID_BODY})(?![0-9a-zA-Z])")
_AIM_PREFIX = re.compile(r"\][A-Za-z][0-9A-Za-z]")
_NINE_DIGITS = re.compile(r"[0-9](?:[ -]{0,3}[0-9]){8}")
_OTHER_CARD = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{2,30}[A-Za-z0-9]")
# RFC 3986 characters only: no spaces, quotes, angle brackets or backslashes.
_URL = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
_HOST = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::[0-9]{1,5})?")
_BARE_HOST_PATH = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/")
_SCHEMES: Final = frozenset({"http", "https", "loyaltylt", "loyalty"})
_CODE_PARAMS: Final = ("code", "card", "card_number", "uuid", "qr")
# A Loyalty.lt coupon: "K" and 8-12 digits, printed alone or carried by a QR payload or link.
_COUPON = re.compile(r"[Kk][0-9]{8,12}")
_COUPON_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])([Kk][0-9]{8,12})(?![0-9A-Za-z])")
_COUPON_PARAMS: Final = ("coupon", "coupon_code", "code")


class InvalidScan(ValueError):
    """Scanned or typed text that is not a loyalty card; `.message` is fit to show a cashier."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ScanCode:
    """A recognised code: a card (`.value` goes into the API's `card_number=` unchanged) or,
    for kind "coupon", a coupon code in upper case."""

    kind: ScanKind
    value: str


def parse_scan(text: str, *, recover_layouts: bool = True) -> ScanCode:
    """Recognise a card number or QR UUID in `text`, else raise `InvalidScan`.

    Text that does not parse as it is gets a second chance (unless `recover_layouts` is
    False) as what a US-programmed scanner types under a Lithuanian, German or French OS
    layout; a recovered text is accepted only if it parses, preferring a UUID or nine-digit
    card over other formats.
    """
    if len(text) > _MAX_INPUT:
        raise InvalidScan(TOO_LONG)
    cleaned = _clean(text)
    if not cleaned:
        raise InvalidScan(NOTHING_SCANNED)
    direct = _parse_clean(cleaned)
    if direct is not None:
        return direct
    if not recover_layouts:
        raise InvalidScan(NOT_A_CARD)
    return _recover(cleaned)


def _clean(text: str) -> str:
    # No-break and other Unicode spaces (copied from a web page or an e-mail) count as spaces.
    kept = (" " if ch.isspace() else ch for ch in text if unicodedata.category(ch) != "Cc")
    stripped = "".join(kept).strip()
    if _AIM_PREFIX.match(stripped):
        stripped = stripped[3:].strip()
    return stripped


def _recover(cleaned: str) -> ScanCode:
    found: dict[ScanCode, int] = {}
    for layout in LAYOUTS:
        us_text = layout.recover_us(cleaned)
        if us_text is None or us_text == cleaned:
            continue
        candidate = _parse_clean(_clean(us_text))
        if candidate is not None:
            found[candidate] = _rank(candidate)
    if not found:
        raise InvalidScan(NOT_A_CARD)
    best_rank = max(found.values())
    best = [code for code, rank in found.items() if rank == best_rank]
    if len(best) > 1:
        raise InvalidScan(AMBIGUOUS)
    return best[0]


def _rank(code: ScanCode) -> int:
    """UUIDs, nine-digit card numbers and coupons are the formats Loyalty.lt prints itself."""
    if code.kind in ("qr_uuid", "coupon"):
        return 2
    if len(code.value) == 11 and _NINE_DIGITS.fullmatch(code.value):
        return 2
    return 1


def _parse_clean(text: str) -> ScanCode | None:
    uuid = _UUID_ALONE.fullmatch(text)
    if uuid:
        return _uuid_code(uuid.group(2))
    if _COUPON.fullmatch(text):
        return ScanCode("coupon", text.upper())
    if _NINE_DIGITS.fullmatch(text):
        digits = text.replace("-", "").replace(" ", "")
        return ScanCode("card_number", f"{digits[:3]}-{digits[3:6]}-{digits[6:]}")
    if _is_other_card(text):
        return ScanCode("card_number", text)
    return _coupon_in_payload(text) or _uuid_from_url(text)


def _coupon_in_payload(text: str) -> ScanCode | None:
    """The one coupon code inside a QR payload that says it is a coupon, or inside a link.

    A link's `coupon`/`coupon_code`/`code` parameter wins; otherwise the text must name
    exactly one code and either be a link or mention "coupon" (e.g. `{"coupon_code": ...}`),
    so a stray K-number in other text is not taken for a coupon.
    """
    if len(text) > _MAX_URL:
        return None
    found = {m.group(1).upper() for m in _COUPON_IN_TEXT.finditer(text)}
    if not found:
        return None
    if "://" in text and _URL.fullmatch(text):
        try:
            query = dict(parse_qsl(urlsplit(text).query))
        except ValueError:
            return None
        for name in _COUPON_PARAMS:
            value = query.get(name)
            if value is not None:
                return ScanCode("coupon", value.upper()) if _COUPON.fullmatch(value) else None
        if urlsplit(text).scheme.lower() not in _SCHEMES:
            return None
    elif "coupon" not in text.lower():
        return None
    return ScanCode("coupon", found.pop()) if len(found) == 1 else None


def _is_other_card(text: str) -> bool:
    # A card number has digits; without this rule words like "DROP" or "null" would pass.
    return (
        _OTHER_CARD.fullmatch(text) is not None
        and "--" not in text
        and any(ch.isdigit() for ch in text)
    )


def _uuid_code(raw: str) -> ScanCode:
    hex32 = raw.replace("-", "").lower()
    value = f"{hex32[:8]}-{hex32[8:12]}-{hex32[12:16]}-{hex32[16:20]}-{hex32[20:]}"
    return ScanCode("qr_uuid", value)


def _uuid_from_url(text: str) -> ScanCode | None:
    """The card UUID inside a web link or app deep link, if exactly one is meant."""
    if len(text) > _MAX_URL or not _URL.fullmatch(text):
        return None
    if "://" not in text:
        if not _BARE_HOST_PATH.match(text):
            return None
        text = "https://" + text  # "loyalty.lt/c/<uuid>" printed without a scheme
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SCHEMES or not _HOST.fullmatch(parts.netloc):
        return None
    query = dict(parse_qsl(parts.query))
    for name in _CODE_PARAMS:
        value = query.get(name)
        if value is not None:
            param = _UUID_ALONE.fullmatch(value)
            return _uuid_code(param.group(2)) if param else None
    found = {_uuid_code(m.group(1)) for m in _UUID_IN_URL.finditer(text)}
    return found.pop() if len(found) == 1 else None
