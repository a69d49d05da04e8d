"""The one rule for an API address, used by the command line, Settings and the HTTP client.

https anywhere; plain http only to this machine (the secret must never cross a network
unencrypted); a host and nothing after the path: no query, fragment or user info.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine (localhost, 127.0.0.0/8, ::1, brackets allowed)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def api_url_problem(url: str) -> str | None:
    """Why `url` cannot be the API address, in a sentence fit for an installer; None if it can."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError on a port out of range or not a number
    except ValueError:
        return f"Not a valid API address: {url!r}."
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return f"The API address must be an http(s) URL (https://api.loyalty.lt), not {url!r}."
    if parts.username is not None or parts.password is not None:
        return (
            "The API address must not contain credentials: set them in Settings or in "
            "POS_API_KEY / POS_API_SECRET."
        )
    if parts.query or parts.fragment:
        return "The API address must not carry a query or a fragment."
    if parts.scheme == "http" and not is_loopback(host):
        return (
            f"Refusing {host}: plain http:// is allowed only for a server on this machine, "
            "because the API secret would cross the network unencrypted. Use https://."
        )
    return None


def is_valid_api_url(url: str) -> bool:
    """Whether `url` passes `api_url_problem`."""
    return api_url_problem(url) is None
