"""What a US-programmed keyboard-wedge scanner types under other OS keyboard layouts, and back.

A wedge scanner sends key *positions* as if the OS used the US layout. Under another layout
each position types that layout's character instead. The tables here give, per physical key
(XKB position names), the unshifted and shifted character of the US layout and of the layouts
tills in Lithuania, Germany and France run. They were checked against xkeyboard-config
(`symbols/lt`, `symbols/de`, `symbols/fr`, `symbols/latin`); the Windows layouts of the same
names match them for every key a scanner uses.

`type_as` is the forward map (US text -> what appears on screen); `recover_us` is its inverse,
used by `parse_scan` to undo the damage. Pure Python, no Qt.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

# (unshifted, shifted) per key; None = a dead key (accent waiting for the next key) or nothing.
KeyChars = tuple[str | None, str | None]

US_KEYS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "TLDE": ("`", "~"),
        "AE01": ("1", "!"),
        "AE02": ("2", "@"),
        "AE03": ("3", "#"),
        "AE04": ("4", "$"),
        "AE05": ("5", "%"),
        "AE06": ("6", "^"),
        "AE07": ("7", "&"),
        "AE08": ("8", "*"),
        "AE09": ("9", "("),
        "AE10": ("0", ")"),
        "AE11": ("-", "_"),
        "AE12": ("=", "+"),
        "AD01": ("q", "Q"),
        "AD02": ("w", "W"),
        "AD03": ("e", "E"),
        "AD04": ("r", "R"),
        "AD05": ("t", "T"),
        "AD06": ("y", "Y"),
        "AD07": ("u", "U"),
        "AD08": ("i", "I"),
        "AD09": ("o", "O"),
        "AD10": ("p", "P"),
        "AD11": ("[", "{"),
        "AD12": ("]", "}"),
        "BKSL": ("\\", "|"),
        "AC01": ("a", "A"),
        "AC02": ("s", "S"),
        "AC03": ("d", "D"),
        "AC04": ("f", "F"),
        "AC05": ("g", "G"),
        "AC06": ("h", "H"),
        "AC07": ("j", "J"),
        "AC08": ("k", "K"),
        "AC09": ("l", "L"),
        "AC10": (";", ":"),
        "AC11": ("'", '"'),
        "AB01": ("z", "Z"),
        "AB02": ("x", "X"),
        "AB03": ("c", "C"),
        "AB04": ("v", "V"),
        "AB05": ("b", "B"),
        "AB06": ("n", "N"),
        "AB07": ("m", "M"),
        "AB08": (",", "<"),
        "AB09": (".", ">"),
        "AB10": ("/", "?"),
        "SPCE": (" ", " "),
    }
)

# Dead keys: the spacing accent a layout shows when the next key does not combine, and the
# combining mark it applies when it does.
_DEAD: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "dead_acute": ("´", "\u0301"),
        "dead_grave": ("`", "\u0300"),
        "dead_circumflex": ("^", "\u0302"),
        "dead_diaeresis": ("¨", "\u0308"),
    }
)


@dataclass(frozen=True)
class Layout:
    """One OS keyboard layout as differences from US: key position -> (unshifted, shifted).

    A value that names a `_DEAD` key ("dead_acute", ...) is a dead key.
    """

    name: str
    overrides: Mapping[str, tuple[str, str]]
    _forward: dict[str, str] = field(init=False, repr=False, compare=False)
    _dead_of: dict[str, str] = field(init=False, repr=False, compare=False)
    _inverse: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        forward: dict[str, str] = {}
        dead_of: dict[str, str] = {}
        for pos, us_pair in US_KEYS.items():
            pair = self.overrides.get(pos, us_pair)
            for us_char, char in zip(us_pair, pair, strict=True):
                if char in _DEAD:
                    dead_of[us_char] = char
                else:
                    forward[us_char] = char
        inverse: dict[str, str] = {}
        for us_char, char in forward.items():
            if char in inverse and inverse[char] != us_char:
                raise ValueError(f"{self.name}: {char!r} typed by two keys")
            inverse[char] = us_char
        object.__setattr__(self, "_forward", forward)
        object.__setattr__(self, "_dead_of", dead_of)
        object.__setattr__(self, "_inverse", inverse)

    def type_as(self, us_text: str) -> str:
        """What appears on screen when a scanner types `us_text` (printable ASCII) here.

        A dead key followed by a key it combines with gives the precomposed letter; otherwise
        (Windows behaviour) the spacing accent and then the next character.
        """
        out: list[str] = []
        pending: str | None = None
        for us_char in us_text:
            if us_char in self._dead_of:
                if pending is not None:
                    out.append(_DEAD[pending][0])
                pending = self._dead_of[us_char]
                continue
            char = self._forward[us_char]
            if pending is None:
                out.append(char)
                continue
            spacing, mark = _DEAD[pending]
            pending = None
            if char == " ":
                out.append(spacing)
                continue
            composed = unicodedata.normalize("NFC", char + mark)
            out.append(composed if len(composed) == 1 else spacing + char)
        if pending is not None:
            out.append(_DEAD[pending][0])
        return "".join(out)

    def recover_us(self, text: str) -> str | None:
        """The US text a scanner sent to produce `text` here, or None if this layout can't."""
        accents = {_DEAD[dead][0]: us for us, dead in self._dead_of.items()}
        marks = {_DEAD[dead][1]: us for us, dead in self._dead_of.items()}
        out: list[str] = []
        for char in text:
            if char in self._inverse:
                out.append(self._inverse[char])
            elif char in accents:
                out.append(accents[char])
            else:
                parts = unicodedata.normalize("NFD", char)
                if len(parts) != 2 or parts[1] not in marks or parts[0] not in self._inverse:
                    return None
                out.append(marks[parts[1]] + self._inverse[parts[0]])
        return "".join(out)


LITHUANIAN: Final = Layout(
    # xkb "lt" (its own comment: "Lithuanian Numeric layout"), Windows "Lithuanian".
    "lt",
    {
        "AE01": ("ą", "Ą"),
        "AE02": ("č", "Č"),
        "AE03": ("ę", "Ę"),
        "AE04": ("ė", "Ė"),
        "AE05": ("į", "Į"),
        "AE06": ("š", "Š"),
        "AE07": ("ų", "Ų"),
        "AE08": ("ū", "Ū"),
        "AE09": ("„", "("),
        "AE10": ("“", ")"),
        "AE12": ("ž", "Ž"),
    },
)

LITHUANIAN_STANDARD: Final = Layout(
    # LST 1582:2000, xkb "lt(std)", Windows "Lithuanian Standard": digits need Shift.
    "lt_std",
    {
        "AE01": ("!", "1"),
        "AE02": ("-", "2"),
        "AE03": ("/", "3"),
        "AE04": (";", "4"),
        "AE05": (":", "5"),
        "AE06": (",", "6"),
        "AE07": (".", "7"),
        "AE08": ("=", "8"),
        "AE09": ("(", "9"),
        "AE10": (")", "0"),
        "AE11": ("?", "+"),
        "AE12": ("x", "X"),
        "AD01": ("ą", "Ą"),
        "AD02": ("ž", "Ž"),
        "AD11": ("į", "Į"),
        "AD12": ("w", "W"),
        "AC04": ("š", "Š"),
        "AC10": ("ų", "Ų"),
        "AC11": ("ė", "Ė"),
        "BKSL": ("q", "Q"),
        "AB02": ("ū", "Ū"),
        "AB08": ("č", "Č"),
        "AB09": ("f", "F"),
        "AB10": ("ę", "Ę"),
    },
)

GERMAN: Final = Layout(
    # xkb "de" (QWERTZ), Windows "German".
    "de",
    {
        "TLDE": ("dead_circumflex", "°"),
        "AE02": ("2", '"'),
        "AE03": ("3", "§"),
        "AE06": ("6", "&"),
        "AE07": ("7", "/"),
        "AE08": ("8", "("),
        "AE09": ("9", ")"),
        "AE10": ("0", "="),
        "AE11": ("ß", "?"),
        "AE12": ("dead_acute", "dead_grave"),
        "AD06": ("z", "Z"),
        "AD11": ("ü", "Ü"),
        "AD12": ("+", "*"),
        "BKSL": ("#", "'"),
        "AC10": ("ö", "Ö"),
        "AC11": ("ä", "Ä"),
        "AB01": ("y", "Y"),
        "AB08": (",", ";"),
        "AB09": (".", ":"),
        "AB10": ("-", "_"),
    },
)

FRENCH: Final = Layout(
    # xkb "fr" (AZERTY), Windows "French".
    "fr",
    {
        "TLDE": ("²", "~"),
        "AE01": ("&", "1"),
        "AE02": ("é", "2"),
        "AE03": ('"', "3"),
        "AE04": ("'", "4"),
        "AE05": ("(", "5"),
        "AE06": ("-", "6"),
        "AE07": ("è", "7"),
        "AE08": ("_", "8"),
        "AE09": ("ç", "9"),
        "AE10": ("à", "0"),
        "AE11": (")", "°"),
        "AE12": ("=", "+"),
        "AD01": ("a", "A"),
        "AD02": ("z", "Z"),
        "AD11": ("dead_circumflex", "dead_diaeresis"),
        "AD12": ("$", "£"),
        "AC01": ("q", "Q"),
        "AC10": ("m", "M"),
        "AC11": ("ù", "%"),
        "BKSL": ("*", "µ"),
        "AB01": ("w", "W"),
        "AB07": (",", "?"),
        "AB08": (";", "."),
        "AB09": (":", "/"),
        "AB10": ("!", "§"),
    },
)

# Order matters only as a tie-break in parse_scan's recovery.
LAYOUTS: Final[tuple[Layout, ...]] = (LITHUANIAN, LITHUANIAN_STANDARD, GERMAN, FRENCH)
