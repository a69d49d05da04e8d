"""The go-live check: read-only calls against the configured server, one result line per step."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from pos_app.api.errors import ApiError, AuthError, InvalidResponseError, NetworkError

# The first staging demo card: what a shop looks up when it has no card of its own at hand.
DEFAULT_CHECK_CARD = "900-001-001"
# How many pages of the shops list the check reads before it gives up looking for this till's.
_MAX_SHOP_PAGES = 20
_MAX_WORDS = 240


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for the translation catalogue; Settings translates it when it shows the line."""
    del context
    return text


STEP_TITLES: dict[str, str] = {
    "credentials": QT_TRANSLATE_NOOP("GoLive", "API key and secret"),
    "shops": QT_TRANSLATE_NOOP("GoLive", "Shops list"),
    "card": QT_TRANSLATE_NOOP("GoLive", "Card lookup"),
    "qr": QT_TRANSLATE_NOOP("GoLive", "QR card session"),
}

T_VALID = QT_TRANSLATE_NOOP("GoLive", "accepted for %1 (partner %2), %3 environment")
T_WRONG_ENVIRONMENT = QT_TRANSLATE_NOOP(
    "GoLive",
    "accepted for %1 (partner %2), but the server is the %3 environment and this till is set "
    "to %4: check the environment in Settings",
)
T_NOT_VALID = QT_TRANSLATE_NOOP("GoLive", "the server says these credentials are not valid")
T_SHOP_CHOSEN = QT_TRANSLATE_NOOP("GoLive", "%1 shop(s); this till sells as %2 (shop %3)")
T_SHOP_ONLY = QT_TRANSLATE_NOOP("GoLive", "one shop, %1 (shop %2): this till uses it automatically")
T_SHOP_NONE_CHOSEN = QT_TRANSLATE_NOOP(
    "GoLive", "%1 shops and none chosen for this till: choose its shop in Settings"
)
T_SHOP_MISSING = QT_TRANSLATE_NOOP(
    "GoLive",
    "this till's shop %1 is not among the partner's %2 active shop(s): choose again in Settings",
)
T_NO_SHOPS = QT_TRANSLATE_NOOP("GoLive", "the server lists no active shop for this partner")
T_CARD = QT_TRANSLATE_NOOP("GoLive", "card %1 found: %2 points")
T_CARD_NO_USER = QT_TRANSLATE_NOOP(
    "GoLive", "card %1 found: %2 points, but it has no customer account, so it cannot take a sale"
)
T_QR = QT_TRANSLATE_NOOP("GoLive", "a session opened and was left to expire on its own")
T_REFUSED = QT_TRANSLATE_NOOP("GoLive", "refused (%1)")
T_NO_ANSWER = QT_TRANSLATE_NOOP("GoLive", "no answer: %1")
T_UNREADABLE = QT_TRANSLATE_NOOP("GoLive", "the answer could not be read: %1")
T_FAILED = QT_TRANSLATE_NOOP("GoLive", "failed: %1")
T_SKIPPED = QT_TRANSLATE_NOOP("GoLive", "not tried: the server refused the key and secret")
T_UNREACHED = QT_TRANSLATE_NOOP("GoLive", "not tried: the server could not be reached")


class GoLiveApi(Protocol):
    """The read-only calls the check makes; `pos_app.api.LoyaltyClient` provides them."""

    async def validate_credentials(self) -> dict[str, Any]: ...

    async def shops(self, page: int = 1) -> Any: ...

    async def card_info(self, *, card_number: str) -> Any: ...

    async def qr_generate(self, *, device_name: str, shop_id: int | None = None) -> Any: ...


@dataclass(frozen=True, slots=True)
class ShopChoice:
    """A shop the till could sell as: its id and name as the server lists them."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class StepResult:
    """One step of the check: passed or not, a sentence with %1… placeholders, and its values.

    `server_words` is what the server itself said on failure (its language, one line).
    """

    step: str
    ok: bool
    template: str
    args: tuple[str, ...] = ()
    server_words: str | None = None

    def line(self, translate: Callable[[str], str] = str) -> str:
        """`✔ Title: sentence` (or ✘), `translate` mapping each English text to the shown one."""
        text = translate(self.template)
        # Highest number first, so %1 does not eat the start of %10.
        for number in range(len(self.args), 0, -1):
            text = text.replace(f"%{number}", self.args[number - 1])
        if self.server_words:
            text += f": “{self.server_words}”"
        mark = "✔" if self.ok else "✘"
        return f"{mark} {translate(STEP_TITLES[self.step])}: {text}"


@dataclass(frozen=True, slots=True)
class GoLiveReport:
    """Every step's result, and the partner's active shops when the list could be read."""

    steps: tuple[StepResult, ...]
    shops: tuple[ShopChoice, ...] | None = None
    shop_used: ShopChoice | None = None

    @property
    def passed(self) -> bool:
        return all(step.ok for step in self.steps)

    def lines(self, translate: Callable[[str], str] = str) -> list[str]:
        return [step.line(translate) for step in self.steps]


def one_line(text: object) -> str:
    """Server text made safe for one line: no control characters, no runs of space, bounded."""
    cleaned = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+", " ", str(text))
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    return cleaned if len(cleaned) <= _MAX_WORDS else cleaned[: _MAX_WORDS - 1] + "…"


def failure(step: str, exc: Exception) -> StepResult:
    """A failed step in the server's own words when it gave any, else the till's."""
    if isinstance(exc, NetworkError):
        return StepResult(step, False, T_NO_ANSWER, (one_line(exc.message),))
    if isinstance(exc, InvalidResponseError):
        return StepResult(step, False, T_UNREADABLE, (one_line(exc.message),))
    if isinstance(exc, ApiError):
        where = " ".join(
            part for part in (f"HTTP {exc.status}" if exc.status else "", exc.code or "") if part
        )
        words = exc.server_message or exc.message
        return StepResult(step, False, T_REFUSED, (where or type(exc).__name__,), one_line(words))
    return StepResult(step, False, T_FAILED, (one_line(f"{type(exc).__name__}: {exc}"),))


async def _credentials(api: GoLiveApi, expected: str | None) -> tuple[StepResult, str | None]:
    """The step's result, and why the other steps cannot work (a template), if they cannot.

    `expected` is the environment the till is set to ("production" or "staging"), if known.
    """
    try:
        data = await api.validate_credentials()
    except AuthError as exc:
        return failure("credentials", exc), T_SKIPPED
    except NetworkError as exc:
        return failure("credentials", exc), T_UNREACHED
    except Exception as exc:
        return failure("credentials", exc), None
    if data.get("valid") is not True:
        return StepResult("credentials", False, T_NOT_VALID), T_SKIPPED
    partner = data.get("partner")
    name = partner.get("name") if isinstance(partner, dict) else None
    number = partner.get("id") if isinstance(partner, dict) else None
    environment = data.get("environment") or "?"
    args = (
        one_line(name or "?"),
        one_line(number if number is not None else "?"),
        one_line(environment),
    )
    named = ("production", "staging")
    if expected in named and environment in named and environment != expected:
        # A staging key in a till set to production, or the reverse.
        return StepResult("credentials", False, T_WRONG_ENVIRONMENT, (*args, expected)), None
    return StepResult("credentials", True, T_VALID, args), None


async def list_shops(api: GoLiveApi) -> list[ShopChoice]:
    """Every active shop, page by page (bounded)."""
    found: list[ShopChoice] = []
    page_number = 1
    while page_number <= _MAX_SHOP_PAGES:
        page = await api.shops(page=page_number)
        for shop in page.items:
            if getattr(shop, "is_active", True) is not False:
                found.append(ShopChoice(int(shop.id), one_line(shop.name or f"#{shop.id}")))
        if page_number >= page.last_page:
            break
        page_number += 1
    return found


def pick_shop(shops: Sequence[ShopChoice], configured: int | None) -> ShopChoice | None:
    """The shop this till sells as: the configured one when listed, else the only one."""
    if configured:
        return next((shop for shop in shops if shop.id == configured), None)
    return shops[0] if len(shops) == 1 else None


async def _shops(
    api: GoLiveApi, configured: int | None
) -> tuple[StepResult, tuple[ShopChoice, ...] | None, ShopChoice | None]:
    try:
        shops = await list_shops(api)
    except Exception as exc:
        return failure("shops", exc), None, None
    count = str(len(shops))
    used = pick_shop(shops, configured)
    if not shops:
        result = StepResult("shops", False, T_NO_SHOPS)
    elif configured and used is None:
        result = StepResult("shops", False, T_SHOP_MISSING, (str(configured), count))
    elif used is None:
        result = StepResult("shops", False, T_SHOP_NONE_CHOSEN, (count,))
    elif configured:
        result = StepResult("shops", True, T_SHOP_CHOSEN, (count, used.name, str(used.id)))
    else:
        result = StepResult("shops", True, T_SHOP_ONLY, (used.name, str(used.id)))
    return result, tuple(shops), used


async def _card(api: GoLiveApi, card_number: str) -> StepResult:
    try:
        card = await api.card_info(card_number=card_number)
    except Exception as exc:
        return failure("card", exc)
    args = (one_line(card.card_number), str(card.points))
    if card.user is None:
        return StepResult("card", True, T_CARD_NO_USER, args)
    return StepResult("card", True, T_CARD, args)


async def _qr(api: GoLiveApi, device_name: str, shop_id: int | None) -> StepResult:
    try:
        await api.qr_generate(device_name=device_name, shop_id=shop_id)
    except Exception as exc:
        return failure("qr", exc)
    return StepResult("qr", True, T_QR)


async def run_check(
    api: GoLiveApi,
    *,
    card_number: str = DEFAULT_CHECK_CARD,
    shop_id: int | None = None,
    device_name: str = "Loyalty.lt POS",
    environment: str | None = None,
) -> GoLiveReport:
    """Validate credentials, list shops, look one card up, open (never complete) a QR session.

    `environment` ("production" or "staging") is what the till is set to: a server that says
    it is the other one fails the first step.

    Every step runs even after one failed, so the shop sees everything that needs fixing at
    once, except after the server refused the key and secret or could not be reached: then
    nothing else can work (and an unreachable server would make each step wait its deadline).
    Nothing here creates a transaction or changes a balance.
    """
    credentials, stop = await _credentials(api, environment)
    if stop is not None:
        skipped = tuple(StepResult(step, False, stop) for step in ("shops", "card", "qr"))
        return GoLiveReport((credentials, *skipped))
    shops_result, shops, used = await _shops(api, shop_id or None)
    card = await _card(api, card_number)
    qr = await _qr(api, device_name, used.id if used is not None else (shop_id or None))
    return GoLiveReport((credentials, shops_result, card, qr), shops, used)
