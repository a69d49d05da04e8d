"""Errors the Loyalty.lt client raises: one class per thing a till does differently."""

from __future__ import annotations

from dataclasses import dataclass


class ApiError(Exception):
    """Anything that went wrong talking to Loyalty.lt.

    `message` is calm English fit to show a cashier (the UI translates by class and
    `code`); `server_message` keeps what the server said, which may be Lithuanian.
    """

    default_message = "The loyalty service could not complete the request."

    def __init__(
        self,
        message: str | None = None,
        *,
        status: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        server_message: str | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.status = status
        self.code = code
        self.request_id = request_id
        self.server_message = server_message
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(message={self.message!r}, status={self.status!r}, "
            f"code={self.code!r}, request_id={self.request_id!r})"
        )


class AuthError(ApiError):
    """401/403, or 400 with a credentials code (1010-1014): fix the key or secret in Settings,
    or (403) this till may not do that."""

    default_message = (
        "The loyalty service did not accept this till's API key or secret. "
        "Check them in Settings."
    )


class NotFoundError(ApiError):
    """404: no such card, user or QR session (`code` "RESOURCE_EXPIRED" for a session)."""

    default_message = "The loyalty service could not find what was asked for."


class ValidationError(ApiError):
    """400/422: the server refused the request's content; `field_errors` says where."""

    default_message = "The loyalty service did not accept the request."

    def __init__(
        self,
        message: str | None = None,
        *,
        field_errors: dict[str, list[str]] | None = None,
        status: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        server_message: str | None = None,
    ) -> None:
        super().__init__(
            message,
            status=status,
            code=code,
            request_id=request_id,
            server_message=server_message,
        )
        self.field_errors: dict[str, list[str]] = field_errors or {}


class ConflictError(ApiError):
    """409: the order id was already recorded."""

    default_message = "This order was already recorded with the loyalty service."


class RateLimitError(ApiError):
    """429, or refused locally before sending; `retry_after` is in seconds when known.

    `local` is True when the till's own budget refused the request, so nothing was sent.
    """

    default_message = "Too many requests to the loyalty service. Please wait a moment."

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: float | None = None,
        local: bool = False,
        status: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        server_message: str | None = None,
    ) -> None:
        if message is None and retry_after is not None:
            message = (
                "Too many requests to the loyalty service. "
                f"Try again in {_whole_seconds(retry_after)} s."
            )
        super().__init__(
            message,
            status=status,
            code=code,
            request_id=request_id,
            server_message=server_message,
        )
        self.retry_after = retry_after
        self.local = local


class ServerError(ApiError):
    """5xx, or a proxy's HTML/empty page: the service is having trouble."""

    default_message = "The loyalty service is having trouble. Please try again in a moment."


class NetworkError(ApiError):
    """No answer: connection refused, timeout, dropped connection.

    `may_have_reached_server` is False only when the request certainly never left the
    till (connection set-up failed), so repeating a POST is safe exactly then.
    """

    default_message = "Cannot reach the loyalty service. Check the network connection."

    def __init__(self, message: str | None = None, *, may_have_reached_server: bool) -> None:
        super().__init__(message)
        self.may_have_reached_server = may_have_reached_server


class InvalidResponseError(ApiError):
    """The answer is not the documented envelope, or does not fit the model."""

    default_message = "The loyalty service sent an answer the till does not understand."


def _whole_seconds(seconds: float) -> int:
    """Round up so "try again in N s" is never too early."""
    whole = int(seconds)
    return max(1, whole + (1 if seconds > whole else 0))


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One finished request, for logs and benchmarks: never headers, never the query."""

    method: str
    path: str
    status: int | None
    elapsed: float
    request_id: str | None
    error: str | None = None
