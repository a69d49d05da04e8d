"""pos_app.api: the till's only HTTP connection to Loyalty.lt (its public surface: docs/API.md)."""

import pos_app.api._skip_httpx_cli  # noqa: F401  (first: before anything imports httpx)
from pos_app.api.budget import RateBudget
from pos_app.api.client import LoyaltyClient
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
