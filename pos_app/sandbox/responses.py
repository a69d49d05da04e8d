"""JSON envelopes the way Loyalty.lt writes them, with Decimal money as JSON numbers."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from starlette.responses import Response

from pos_app.sandbox.messages import SandboxError


def jsonable(value: Any) -> Any:
    """Decimal as a JSON number: whole values as ints, others as the shortest float that
    reads back as the same decimal (1.00 -> 1.0, 12.50 -> 12.5)."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= 0:
            return int(value)
        return float(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def json_response(
    payload: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    body = json.dumps(jsonable(payload), ensure_ascii=False, separators=(",", ":"))
    return Response(body.encode(), status, headers=headers, media_type="application/json")


def success(data: Any, *, message: str, request_id: str, status: int = 200) -> Response:
    """`{"success": true, "code": status, "request_id", "message", "data"}`."""
    return json_response(
        {
            "success": True,
            "code": status,
            "request_id": request_id,
            "message": message,
            "data": data,
        },
        status,
    )


def failure(error: SandboxError, *, request_id: str | None) -> Response:
    """The error envelope; `request_id` None leaves it out, as some real answers do."""
    payload: dict[str, Any] = {"success": False}
    if error.code is not None:
        payload["code"] = error.code
    if request_id is not None:
        payload["request_id"] = request_id
    payload["message"] = error.message
    if error.errors is not None:
        payload["errors"] = error.errors
    return json_response(payload, error.status)
