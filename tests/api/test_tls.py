"""Certificate checks stay on for https; loopback http skips only the CA bundle load."""

from __future__ import annotations

import ssl

import httpx

from pos_app.api.http import _tls_for


def test_https_verifies_with_the_default_trust_store() -> None:
    assert _tls_for(httpx.URL("https://api.loyalty.lt")) is True


def test_loopback_http_gets_a_context_that_trusts_nothing_and_checks_everything() -> None:
    context = _tls_for(httpx.URL("http://127.0.0.1:8080"))
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode is ssl.CERT_REQUIRED
    assert context.check_hostname
    assert context.get_ca_certs() == []
