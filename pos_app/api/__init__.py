"""pos_app.api: the till's only HTTP connection to Loyalty.lt (its public surface: docs/API.md).

The client (httpx, its models) is imported on first use of `LoyaltyClient` or `RateBudget`,
so code that only needs the error classes does not load the network stack: the till shows
its window first and loads it right after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pos_app.api._skip_httpx_cli  # noqa: F401  (first: before anything imports httpx)
from pos_app.api.errors import (
    ApiError,
    AuthError,
    ConflictError,
    InvalidResponseError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    RequestRecord,
    ServerError,
    ValidationError,
)

if TYPE_CHECKING:
    from pos_app.api.budget import RateBudget
    from pos_app.api.client import LoyaltyClient


def __getattr__(name: str) -> Any:
    if name == "LoyaltyClient":
        from pos_app.api.client import LoyaltyClient

        return LoyaltyClient
    if name == "RateBudget":
        from pos_app.api.budget import RateBudget

        return RateBudget
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ApiError",
    "AuthError",
    "ConflictError",
    "InvalidResponseError",
    "LoyaltyClient",
    "NetworkError",
    "NotFoundError",
    "RateBudget",
    "RateLimitError",
    "RequestRecord",
    "ServerError",
    "ValidationError",
]
