"""Stamp-card games and coupons: progress, stamps, reward coupons, verify and redeem-once."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from pos_app.sandbox.data_games import (
    REWARD_CODE_PREFIX,
    reward_offer,
    seed_coupons,
    seed_games,
    seed_progress,
)
from pos_app.sandbox.messages import SandboxError, text

CardLookup = Callable[[int], dict[str, Any] | None]
Iso = Callable[[datetime], str]


def _not_found(key: str, locale: str) -> SandboxError:
    return SandboxError(404, text(key, locale), code="RESOURCE_NOT_FOUND")


def _refused(code: str, key: str, locale: str, **values: Any) -> SandboxError:
    return SandboxError(400, text(key, locale, **values), code=code)


def _local(value: Any, locale: str) -> Any:
    """Partner texts are kept in both languages; the answer carries the request's."""
    if isinstance(value, dict) and set(value) == {"en", "lt"}:
        return value["lt" if locale == "lt" else "en"]
    return value


class GameBook:
    """Games, per-card progress and coupons, guarded by the sandbox state's lock.

    `card_by_id` gives the live card (with `user`, `is_active`, `points`) or None.
    """

    def __init__(
        self, lock: threading.RLock, card_by_id: CardLookup, now: Callable[[], datetime], iso: Iso
    ) -> None:
        self._lock = lock
        self._card_by_id = card_by_id
        self._now = now
        self._iso = iso
        self._games: list[dict[str, Any]] = []
        self._progress: dict[tuple[int, int], dict[str, Any]] = {}
        self._coupons: list[dict[str, Any]] = []
        self._reward_count = 0

    def reset(self) -> None:
        now = self._now()
        with self._lock:
            self._games = seed_games()
            self._progress = seed_progress(self._iso(now - timedelta(days=2)))
            self._coupons = seed_coupons(now, self._iso)
            self._reward_count = 0

    # -- inspection (copies) ---------------------------------------------------------------

    def progress(self, game_id: int, card_id: int) -> int:
        """Stamps the card has on the game (0 when it has not started)."""
        with self._lock:
            return int(self._progress.get((game_id, card_id), {}).get("current_step", 0))

    def coupon(self, code: str) -> dict[str, Any]:
        """One coupon's internal record by code; KeyError when unknown."""
        with self._lock:
            return copy.deepcopy(self._by_code(code))

    def set_progress(self, game_id: int, card_id: int, stamps: int) -> None:
        """Put a card's progress at `stamps` (tests and demos)."""
        with self._lock:
            self._progress[(game_id, card_id)] = {
                "current_step": stamps,
                "completed_at": None,
                "history": [],
            }

    def _by_code(self, code: str) -> dict[str, Any]:
        wanted = code.strip().upper()
        for coupon in self._coupons:
            if coupon["code"] == wanted:
                return coupon
        raise KeyError(code)

    # -- games ------------------------------------------------------------------------------

    def _card(self, card_id: int, locale: str) -> dict[str, Any]:
        card = self._card_by_id(card_id)
        if card is None:
            raise _not_found("card_not_found", locale)
        return card

    def _game_view(self, game: dict[str, Any], card_id: int) -> dict[str, Any]:
        required = int(game["stamps_required"])
        progress = self._progress.get((game["id"], card_id))
        step = int(progress["current_step"]) if progress else 0
        completed = progress is not None and progress["completed_at"] is not None
        status = "completed" if completed else ("active" if progress else "available")
        return {
            "id": game["id"],
            "name": dict(game["name"]),
            "description": dict(game["description"]),
            "game_type": game["game_type"],
            "is_active": game["is_active"],
            "status": status,
            "stamps_required": required,
            "user_progress": {
                "current_step": step,
                "completed": completed,
                "completed_at": progress["completed_at"] if progress else None,
                "history": copy.deepcopy(progress["history"]) if progress else [],
            },
            "stamp_settings": {
                "stamps_required": required,
                "reward_type": game["reward_type"],
                "stamp_icon": game["stamp_icon"],
            },
            "reward": {"type": game["reward_type"], "product_name": game["product_name"]},
        }

    def card_games(self, card_id: int, shop_id: int | None, locale: str) -> list[dict[str, Any]]:
        """The partner's active games (at `shop_id`, when given) with this card's progress."""
        with self._lock:
            self._card(card_id, locale)
            return [
                self._game_view(game, card_id)
                for game in self._games
                if game["is_active"] and (shop_id is None or shop_id in game["shop_ids"])
            ]

    def _game_at(self, game_id: int, shop_id: int, locale: str) -> dict[str, Any]:
        for game in self._games:
            if game["id"] == game_id and game["is_active"] and shop_id in game["shop_ids"]:
                return game
        raise _not_found("game_not_found", locale)

    def add_stamps(
        self, game_id: int, card_id: int, shop_id: int, count: int, locale: str
    ) -> dict[str, Any]:
        """Stamp the card; the stamp that completes the game generates a reward coupon.

        A game already completed takes no more stamps until it is restarted.
        """
        with self._lock:
            game = self._game_at(game_id, shop_id, locale)
            card = self._card(card_id, locale)
            if not card["is_active"]:
                raise _refused("BUSINESS_CARD_BLOCKED", "card_blocked", locale)
            required = int(game["stamps_required"])
            key = (game_id, card_id)
            progress = self._progress.setdefault(
                key, {"current_step": 0, "completed_at": None, "history": []}
            )
            result: dict[str, Any] = {"game_id": game_id, "card_id": card_id}
            if progress["completed_at"] is not None:
                result.update(
                    current_step=progress["current_step"],
                    stamps_required=required,
                    is_completed=True,
                    was_already_completed=True,
                    remaining=0,
                )
                return result
            moment = self._iso(self._now())
            added = min(count, required - int(progress["current_step"]))
            progress["current_step"] += added
            progress["history"].append(
                {"timestamp": moment, "action": "stamp_added", "value": added, "shop_id": shop_id}
            )
            done = progress["current_step"] >= required
            result.update(
                current_step=progress["current_step"],
                stamps_required=required,
                is_completed=done,
                was_already_completed=False,
                remaining=required - progress["current_step"],
            )
            if done:
                progress["completed_at"] = moment
                result["reward_generated"] = self._reward(game, card, shop_id, locale)
            return result

    def _reward(
        self, game: dict[str, Any], card: dict[str, Any], shop_id: int, locale: str
    ) -> dict[str, Any]:
        self._reward_count += 1
        code = f"{REWARD_CODE_PREFIX}{self._reward_count:07d}"
        expiry = self._now() + timedelta(days=int(game["reward_days"]))
        coupon_id = 700 + self._reward_count
        self._coupons.append(
            {
                "id": coupon_id,
                "code": code,
                "card_id": card["id"],
                "offer": reward_offer(game),
                "status": "active",
                "expiry": expiry,
                "pending_shop_id": None,
                "products": [],
                "redeemed_at": None,
                "redeemed_shop_id": None,
                "notes": None,
                "shop_ids": list(game["shop_ids"]),
                "game_id": game["id"],
            }
        )
        return {
            "type": "coupon",
            "coupon_id": coupon_id,
            "coupon_code": code,
            "reward_type": game["reward_type"],
            "product_name": game["product_name"],
            "expires_at": self._iso(expiry),
        }

    def restart(self, game_id: int, card_id: int, shop_id: int, locale: str) -> dict[str, Any]:
        """Start the card over on this game (after a completion)."""
        with self._lock:
            game = self._game_at(game_id, shop_id, locale)
            self._card(card_id, locale)
            self._progress[(game_id, card_id)] = {
                "current_step": 0,
                "completed_at": None,
                "history": [],
            }
            return self._game_view(game, card_id)

    # -- coupons ----------------------------------------------------------------------------

    def _expired(self, coupon: dict[str, Any]) -> bool:
        return bool(coupon["status"] == "expired" or coupon["expiry"] <= self._now())

    def _offer(
        self, coupon: dict[str, Any], locale: str, fields: tuple[str, ...]
    ) -> dict[str, Any]:
        return {k: _local(coupon["offer"][k], locale) for k in fields}

    def _owner(self, coupon: dict[str, Any]) -> dict[str, Any] | None:
        card = self._card_by_id(int(coupon["card_id"]))
        user = (card or {}).get("user")
        return dict(user) if user else None

    def _coupon_core(self, coupon: dict[str, Any]) -> dict[str, Any]:
        status = "expired" if coupon["status"] == "active" and self._expired(coupon) else None
        return {
            "id": coupon["id"],
            "code": coupon["code"],
            "status": status or coupon["status"],
            "expiry_time": self._iso(coupon["expiry"]),
            "is_pending": coupon["pending_shop_id"] is not None,
            "pending_shop_id": coupon["pending_shop_id"],
            "products": copy.deepcopy(coupon["products"]),
            "requires_product_selection": bool(coupon["products"]),
        }

    def card_coupons(self, card_id: int, shop_id: int, locale: str) -> dict[str, Any]:
        """The card's usable coupons at this shop: active, not expired, valid here."""
        with self._lock:
            self._card(card_id, locale)
            usable = [
                c
                for c in self._coupons
                if c["card_id"] == card_id
                and c["status"] == "active"
                and not self._expired(c)
                and shop_id in c["shop_ids"]
            ]
            items = []
            for coupon in usable:
                item = self._coupon_core(coupon)
                item["offer"] = self._offer(
                    coupon,
                    locale,
                    ("id", "title", "description", "reward_details", "original_price"),
                )
                item["user"] = self._owner(coupon)
                items.append(item)
            return {"coupons": items, "total_count": len(items)}

    def _usable(self, coupon: dict[str, Any], shop_id: int, locale: str) -> None:
        if coupon["status"] == "used":
            raise _refused("COUPON_ALREADY_USED", "coupon_used", locale)
        if self._expired(coupon):
            raise _refused("COUPON_EXPIRED", "coupon_expired", locale)
        if shop_id not in coupon["shop_ids"]:
            raise _refused("OPERATION_NOT_ALLOWED", "coupon_wrong_shop", locale)

    def verify(self, code: str, shop_id: int, locale: str) -> dict[str, Any]:
        """The coupon with its offer, owner and card; refused when used, expired or not here."""
        with self._lock:
            try:
                coupon = self._by_code(code)
            except KeyError:
                raise _not_found("coupon_not_found", locale) from None
            self._usable(coupon, shop_id, locale)
            card = self._card_by_id(int(coupon["card_id"])) or {}
            core = self._coupon_core(coupon)
            core["offer"] = self._offer(
                coupon,
                locale,
                ("id", "title", "description", "discount_type", "reward_type", "reward_details"),
            )
            earning = card.get("earning") or {}
            redemption = card.get("redemption") or {}
            return {
                "coupon": core,
                "user": self._owner(coupon),
                "card": {
                    "id": card.get("id"),
                    "card_number": card.get("card_number"),
                    "user_id": (card.get("user") or {}).get("id"),
                    "points_balance": card.get("points"),
                },
                "points_rules": {
                    "points_per_currency": earning.get("points_per_currency"),
                    "currency_amount": earning.get("currency_amount"),
                    "points_redemption_enabled": bool(redemption.get("enabled")),
                    "points_per_currency_redemption": redemption.get("points_per_currency"),
                    "currency_amount_redemption": redemption.get("currency_amount"),
                    "min_points_for_redemption": redemption.get("min_points"),
                    "max_points_per_redemption": redemption.get("max_points"),
                },
            }

    def redeem(
        self,
        coupon_id: int,
        shop_id: int,
        selected_product_id: int | None,
        notes: str | None,
        locale: str,
    ) -> dict[str, Any]:
        """Use the coupon, exactly once; a coupon pending at another shop is refused."""
        with self._lock:
            coupon = next((c for c in self._coupons if c["id"] == coupon_id), None)
            if coupon is None:
                raise _not_found("coupon_not_found", locale)
            self._usable(coupon, shop_id, locale)
            pending = coupon["pending_shop_id"]
            if pending is not None and pending != shop_id:
                raise _refused("OPERATION_NOT_ALLOWED", "coupon_pending_elsewhere", locale)
            product_ids = [int(p["id"]) for p in coupon["products"]]
            if product_ids and selected_product_id not in product_ids:
                key = "product_required" if selected_product_id is None else "product_invalid"
                message = text(key, locale)
                raise SandboxError(
                    422,
                    text("invalid_data", locale),
                    code=422,
                    errors={"selected_product_id": [message]},
                )
            moment = self._iso(self._now())
            coupon.update(
                status="used",
                redeemed_at=moment,
                redeemed_shop_id=shop_id,
                pending_shop_id=None,
                notes=notes,
            )
            answer: dict[str, Any] = {
                "coupon_id": coupon_id,
                "code": coupon["code"],
                "redeemed_at": moment,
                "shop_id": shop_id,
            }
            if product_ids:
                answer["selected_product_id"] = selected_product_id
            return answer
