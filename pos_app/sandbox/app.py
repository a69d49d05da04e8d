"""The sandbox's Shop API routes (Starlette): card info, credentials, transactions, QR Card Scan."""

from __future__ import annotations

import hmac
import json
import uuid
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox.data import PARTNER
from pos_app.sandbox.messages import LOCALES, SandboxError, text
from pos_app.sandbox.middleware import REQUEST_ID_KEY
from pos_app.sandbox.responses import failure, success
from pos_app.sandbox.state import SandboxState
from pos_app.sandbox.transactions import parse_transaction

Handler = Callable[[Request, str, str], Awaitable[Response]]


def _request_id(request: Request) -> str:
    value = request.scope.get(REQUEST_ID_KEY)
    return value if isinstance(value, str) else f"req_{uuid.uuid4().hex[:24]}"


def _invalid(locale: str, errors: dict[str, list[str]], message: str | None = None) -> SandboxError:
    return SandboxError(422, message or text("invalid_data", locale), code=422, errors=errors)


async def _json_body(request: Request, locale: str) -> Any:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError):
        raise SandboxError(400, text("malformed_json", locale), code=400) from None


def _optional_int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


class ShopApi:
    """The route handlers, sharing one state and one pair of accepted credentials."""

    def __init__(self, state: SandboxState, *, api_key: str, api_secret: str) -> None:
        self.state = state
        self._api_key = api_key.encode()
        self._api_secret = api_secret.encode()

    def _authenticated(self, request: Request) -> bool:
        key = request.headers.get("x-api-key", "").encode()
        secret = request.headers.get("x-api-secret", "").encode()
        # Compare both, always, so timing says nothing about which one was wrong.
        key_ok = hmac.compare_digest(key, self._api_key)
        secret_ok = hmac.compare_digest(secret, self._api_secret)
        return key_ok and secret_ok

    def _shop(self, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        """Locale check (404), authentication (401), then the handler; SandboxError -> envelope."""

        async def endpoint(request: Request) -> Response:
            request_id = _request_id(request)
            locale = request.path_params.get("locale", "")
            if locale not in LOCALES:
                return failure(
                    SandboxError(404, text("not_found", "en"), code=404), request_id=request_id
                )
            if not self._authenticated(request):
                error = SandboxError(
                    401, text("not_authenticated", "en"), code="INVALID_CREDENTIALS"
                )
                return failure(error, request_id=None)
            try:
                return await handler(request, locale, request_id)
            except SandboxError as error:
                return failure(error, request_id=request_id)

        return endpoint

    async def card_info(self, request: Request, locale: str, request_id: str) -> Response:
        query = request.query_params
        card_number = query.get("card_number") or None
        errors: dict[str, list[str]] = {}
        ids: dict[str, int | None] = {}
        for field in ("card_id", "user_id"):
            raw = query.get(field) or None
            ids[field] = _optional_int(raw)
            if raw is not None and ids[field] is None:
                errors[field] = [text("field_integer", locale, field=field.replace("_", " "))]
        if errors:
            raise _invalid(locale, errors)
        if card_number is None and ids["card_id"] is None and ids["user_id"] is None:
            message = text("identifier_required", locale)
            raise _invalid(locale, {"card_number": [message]}, message)
        card = self.state.find_card(
            locale, card_number=card_number, card_id=ids["card_id"], user_id=ids["user_id"]
        )
        return success(card, message=text("card_info_ok", locale), request_id=request_id)

    async def validate_credentials(
        self, request: Request, locale: str, request_id: str
    ) -> Response:
        data = {
            "valid": True,
            "partner": {"id": PARTNER["id"], "name": PARTNER["name"]},
            "environment": "staging",
        }
        return success(data, message=text("credentials_ok", locale), request_id=request_id)

    async def create_transaction(self, request: Request, locale: str, request_id: str) -> Response:
        req = parse_transaction(await _json_body(request, locale), locale)
        data = self.state.create_transaction(req, locale)
        return success(
            data, message=text("transaction_ok", locale), request_id=request_id, status=201
        )

    async def qr_generate(self, request: Request, locale: str, request_id: str) -> Response:
        body = await _json_body(request, locale)
        if not isinstance(body, dict):
            raise _invalid(
                locale, {"device_name": [text("field_required", locale, field="device name")]}
            )
        errors: dict[str, list[str]] = {}
        device_name = body.get("device_name")
        if not isinstance(device_name, str) or not device_name.strip():
            key = "field_required" if device_name in (None, "") else "field_string"
            errors["device_name"] = [text(key, locale, field="device name")]
        shop_id = body.get("shop_id")
        if shop_id is not None and _optional_int(shop_id) is None:
            errors["shop_id"] = [text("field_integer", locale, field="shop id")]
        if errors or not isinstance(device_name, str):
            raise _invalid(locale, errors)
        data = self.state.create_qr_session(device_name, _optional_int(shop_id))
        return success(data, message=text("qr_created", locale), request_id=request_id, status=201)

    async def qr_status(self, request: Request, locale: str, request_id: str) -> Response:
        data = self.state.qr_status(request.path_params["session_id"], locale)
        return success(data, message=text("qr_status", locale), request_id=request_id)

    async def sandbox_scan(self, request: Request, locale: str, request_id: str) -> Response:
        body = await _json_body(request, locale)
        card_number = body.get("card_number") if isinstance(body, dict) else None
        if not isinstance(card_number, str) or not card_number.strip():
            raise _invalid(
                locale, {"card_number": [text("field_required", locale, field="card number")]}
            )
        data = self.state.scan_qr_session(request.path_params["session_id"], card_number, locale)
        return success(data, message=text("qr_scanned", locale), request_id=request_id)

    def routes(self) -> list[Route]:
        shop = "/{locale}/shop"
        return [
            Route(f"{shop}/loyalty-cards/info", self._shop(self.card_info), methods=["GET"]),
            Route(
                f"{shop}/validate-credentials",
                self._shop(self.validate_credentials),
                methods=["POST"],
            ),
            Route(
                f"{shop}/transactions/create", self._shop(self.create_transaction), methods=["POST"]
            ),
            Route(f"{shop}/qr-card/generate", self._shop(self.qr_generate), methods=["POST"]),
            Route(
                f"{shop}/qr-card/status/{{session_id}}", self._shop(self.qr_status), methods=["GET"]
            ),
            Route(
                f"{shop}/qr-card/sandbox-scan/{{session_id}}",
                self._shop(self.sandbox_scan),
                methods=["POST"],
            ),
        ]


async def _http_error(request: Request, exc: Exception) -> Response:
    """Unknown paths and wrong methods answer with the JSON envelope too."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    key = {404: "not_found", 405: "method_not_allowed"}.get(status, "server_error")
    locale = request.url.path.split("/", 2)[1] if request.url.path.count("/") > 1 else "en"
    error = SandboxError(status, text(key, locale), code=status)
    response = failure(error, request_id=_request_id(request))
    if isinstance(exc, HTTPException) and exc.headers:
        response.headers.update(exc.headers)  # 405 says which methods are allowed
    return response


def build_app(state: SandboxState, *, api_key: str, api_secret: str) -> Starlette:
    """The routes alone; the server wraps them in SandboxMiddleware."""
    api = ShopApi(state, api_key=api_key, api_secret=api_secret)
    return Starlette(routes=api.routes(), exception_handlers={HTTPException: _http_error})
