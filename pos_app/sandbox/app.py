"""The sandbox's Shop API (Starlette): credentials checks, then card info, sales, QR Card Scan,
and the route groups for shops and transactions lists, games and coupons."""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Awaitable, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_app.sandbox.data import PARTNER
from pos_app.sandbox.fields import Fields, json_body
from pos_app.sandbox.messages import LOCALES, SandboxError, text
from pos_app.sandbox.middleware import REQUEST_ID_KEY
from pos_app.sandbox.responses import failure, success
from pos_app.sandbox.routes_games import GameRoutes
from pos_app.sandbox.routes_shop import ShopRoutes, card_identifiers
from pos_app.sandbox.state import SandboxState
from pos_app.sandbox.transactions import parse_transaction

Handler = Callable[[Request, str, str], Awaitable[Response]]
KEY_PREFIX = "lty_"


def _request_id(request: Request) -> str:
    value = request.scope.get(REQUEST_ID_KEY)
    return value if isinstance(value, str) else f"req_{uuid.uuid4().hex[:24]}"


class ShopApi:
    """The route handlers, sharing one state and one pair of accepted credentials."""

    def __init__(self, state: SandboxState, *, api_key: str, api_secret: str) -> None:
        self.state = state
        self._api_key = api_key.encode()
        self._api_secret = api_secret.encode()

    def _credentials_error(self, request: Request, locale: str) -> SandboxError | None:
        """400 1010 (headers missing), 400 1011 (key not `lty_...`), 401 (not ours), or None."""
        key = request.headers.get("x-api-key", "").strip()
        secret = request.headers.get("x-api-secret", "").strip()
        if not key or not secret:
            return SandboxError(400, text("credentials_missing", locale), code=1010)
        if not key.startswith(KEY_PREFIX):
            return SandboxError(400, text("key_format", locale), code=1011)
        # Compare both, always, so timing says nothing about which one was wrong.
        key_ok = hmac.compare_digest(key.encode(), self._api_key)
        secret_ok = hmac.compare_digest(secret.encode(), self._api_secret)
        if key_ok and secret_ok:
            return None
        return SandboxError(401, text("not_authenticated", "en"), code="INVALID_CREDENTIALS")

    def _shop(self, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        """Locale check (404), credentials (400/401), then the handler; SandboxError -> envelope."""

        async def endpoint(request: Request) -> Response:
            request_id = _request_id(request)
            locale = request.path_params.get("locale", "")
            if locale not in LOCALES:
                return failure(
                    SandboxError(404, text("not_found", "en"), code=404), request_id=request_id
                )
            refused = self._credentials_error(request, locale)
            if refused is not None:
                # As the API does: a 401 carries no request id, the 400s do.
                return failure(refused, request_id=None if refused.status == 401 else request_id)
            try:
                return await handler(request, locale, request_id)
            except SandboxError as error:
                return failure(error, request_id=request_id)

        return endpoint

    async def card_info(self, request: Request, locale: str, request_id: str) -> Response:
        ids = card_identifiers(Fields(request.query_params, locale, query=True))
        card = self.state.find_card(locale, **ids)
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
        req = parse_transaction(await json_body(request, locale), locale)
        if req.shop_id is not None and not self.state.shop_exists(req.shop_id):
            fields = Fields({}, locale)
            fields.fail("shop_id", "field_exists")
            fields.refuse()
        data = self.state.create_transaction(req, locale)
        return success(data, message=text("transaction_ok", locale), request_id=request_id)

    async def qr_generate(self, request: Request, locale: str, request_id: str) -> Response:
        fields = Fields(await json_body(request, locale), locale)
        device_name = fields.string("device_name", required=True)
        shop_id = fields.integer("shop_id", minimum=1)
        if shop_id is not None and not self.state.shop_exists(shop_id):
            fields.fail("shop_id", "field_exists")
        fields.check()
        assert device_name is not None
        data = self.state.create_qr_session(device_name, shop_id)
        return success(data, message=text("qr_created", locale), request_id=request_id)

    async def qr_status(self, request: Request, locale: str, request_id: str) -> Response:
        data = self.state.qr_status(request.path_params["session_id"], locale)
        return success(data, message=text("qr_status", locale), request_id=request_id)

    async def sandbox_scan(self, request: Request, locale: str, request_id: str) -> Response:
        fields = Fields(await json_body(request, locale), locale)
        card_number = fields.string("card_number", required=True)
        fields.check()
        assert card_number is not None
        data = self.state.scan_qr_session(request.path_params["session_id"], card_number, locale)
        return success(data, message=text("qr_scanned", locale), request_id=request_id)

    def routes(self) -> list[Route]:
        shop = "/{locale}/shop"
        create = self._shop(self.create_transaction)
        return [
            Route(f"{shop}/loyalty-cards/info", self._shop(self.card_info), methods=["GET"]),
            Route(
                f"{shop}/validate-credentials",
                self._shop(self.validate_credentials),
                methods=["POST"],
            ),
            Route(f"{shop}/transactions/create", create, methods=["POST"]),
            # The older path of the same call.
            Route(f"{shop}/transactions/award-points", create, methods=["POST"]),
            Route(f"{shop}/qr-card/generate", self._shop(self.qr_generate), methods=["POST"]),
            Route(
                f"{shop}/qr-card/status/{{session_id}}", self._shop(self.qr_status), methods=["GET"]
            ),
            Route(
                f"{shop}/qr-card/sandbox-scan/{{session_id}}",
                self._shop(self.sandbox_scan),
                methods=["POST"],
            ),
            *ShopRoutes(self.state).routes(self._shop),
            *GameRoutes(self.state).routes(self._shop),
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
