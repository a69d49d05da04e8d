"""Bounded requests on loopback sockets: overall deadline, size cap, no reuse after bad framing."""

from __future__ import annotations

import asyncio
import ssl
import sys
import time
import tracemalloc
from collections.abc import Callable, Coroutine
from decimal import Decimal
from typing import Any, TypeVar

import httpx
import pytest

from pos_app.api import InvalidResponseError, LoyaltyClient, NetworkError, RateBudget
from pos_app.api.http import DEFAULT_LOOKUP_TIMEOUT, ShopHttp
from pos_app.api.wire import GuardedTransport
from pos_app.testing.helpers import run_fresh
from pos_app.testing.mock_server import CARD, KEY, SECRET
from tests.api.raw_server import Exchange, RawServer, envelope, gzip_bomb, head, ok_answer

T = TypeVar("T")
MiB = 1024 * 1024
EVIL = {**CARD, "points": 999_999}
OWN = {**CARD, "points": 4242}


def run_against(
    server: RawServer,
    call: Callable[[LoyaltyClient], Coroutine[Any, Any, T]],
    **options: Any,
) -> T:
    async def go() -> T:
        async with server, LoyaltyClient(server.url, KEY, SECRET, **options) as client:
            return await call(client)

    return run_fresh(go())


async def lookup_twice(client: LoyaltyClient) -> list[int | Exception]:
    """Two lookups one after the other: their points, or the error each raised."""
    results: list[int | Exception] = []
    for _ in range(2):
        try:
            results.append((await client.card_info(card_number="123-456-789")).points)
        except InvalidResponseError as exc:
            results.append(exc)
        except NetworkError as exc:
            results.append(exc)
    return results


async def trickle(exchange: Exchange) -> None:
    """A whole envelope announced up front, then sent one byte every 0.25 s."""
    body = envelope(CARD)
    await exchange.send(head(len(body)))
    for byte in body:
        await asyncio.sleep(0.25)
        await exchange.send(bytes([byte]))


# ---- the overall deadline ----------------------------------------------------------------


def test_a_lookup_has_a_fifteen_second_deadline_by_default() -> None:
    http = ShopHttp("https://api.example.test", KEY, SECRET, budget=RateBudget())
    assert DEFAULT_LOOKUP_TIMEOUT == 15.0
    assert http.lookup_timeout == 15.0
    assert http.sale_timeout >= http.lookup_timeout


@pytest.mark.parametrize("option", ["lookup_timeout", "sale_timeout"])
@pytest.mark.parametrize("seconds", [0, -1, float("nan")])
def test_a_deadline_must_be_a_positive_number(option: str, seconds: float) -> None:
    with pytest.raises(ValueError, match=option):
        LoyaltyClient("https://api.example.test", KEY, SECRET, **{option: seconds})


def test_a_trickling_server_is_cut_off_at_the_deadline_though_each_read_is_quick() -> None:
    # Every byte comes well within the per-read timeout (0.6 s), so only the overall
    # deadline can stop this; the whole body would take over 40 s.
    started = time.monotonic()
    with pytest.raises(NetworkError) as caught:
        run_against(
            RawServer(trickle),
            lambda c: c.card_info(card_number="123-456-789"),
            lookup_timeout=1.5,
            timeout=httpx.Timeout(0.6),
        )
    assert 1.4 <= time.monotonic() - started < 3.0
    assert "did not answer within" in caught.value.message
    assert caught.value.may_have_reached_server


def test_a_sale_runs_under_its_own_deadline_and_may_have_landed() -> None:
    started = time.monotonic()
    with pytest.raises(NetworkError) as caught:
        run_against(
            RawServer(trickle),
            lambda c: c.create_transaction(
                order_id="till1-0001", order_total=Decimal("10.00"), user_id=1
            ),
            lookup_timeout=60.0,
            sale_timeout=1.0,
            timeout=httpx.Timeout(0.6),
        )
    assert 0.9 <= time.monotonic() - started < 2.5
    # Unknown whether it landed: the sale service repeats it under the same order id.
    assert caught.value.may_have_reached_server


def test_after_a_deadline_the_next_call_gets_its_own_answer_on_a_new_connection() -> None:
    server = RawServer(trickle, ok_answer(OWN))
    first, second = run_against(server, lookup_twice, lookup_timeout=0.8)
    assert isinstance(first, NetworkError)
    assert second == 4242
    assert server.connections == 2


def test_a_too_long_content_length_ends_at_the_deadline_and_is_not_reused() -> None:
    async def short_body(exchange: Exchange) -> None:
        body = envelope(CARD)
        await exchange.send(head(len(body) + 50) + body)  # 50 bytes never come

    server = RawServer(short_body, ok_answer(OWN))
    first, second = run_against(server, lookup_twice, lookup_timeout=0.8)
    assert isinstance(first, NetworkError)
    assert second == 4242
    assert server.connections == 2


# ---- the size cap --------------------------------------------------------------------------


def flood(total: int, *, declared: bool) -> Callable[[Exchange], Coroutine[Any, Any, None]]:
    """`total` bytes of body, with a Content-Length or else ended by closing the connection."""

    async def answer(exchange: Exchange) -> None:
        await exchange.send(head(total) if declared else head(None, "Connection: close"))
        block = b"x" * 65536
        for _ in range(total // len(block)):
            await exchange.send(block)
        exchange.writer.close()

    return answer


def bomb_answer(packed: bytes) -> Callable[[Exchange], Coroutine[Any, Any, None]]:
    async def answer(exchange: Exchange) -> None:
        await exchange.send(head(len(packed), "Content-Encoding: gzip"))
        await exchange.send(packed)

    return answer


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """About 1 MiB of gzip that inflates to 1 GiB."""
    return gzip_bomb(1024 * MiB)


def peak_python_memory(run: Callable[[], T]) -> tuple[T, int]:
    tracemalloc.start()
    try:
        result = run()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "until-close"])
def test_a_50_mb_answer_is_abandoned_at_the_cap(declared: bool) -> None:
    server = RawServer(flood(50 * MiB, declared=declared), ok_answer(OWN))
    (first, second), peak = peak_python_memory(lambda: run_against(server, lookup_twice))
    assert isinstance(first, InvalidResponseError)
    assert "larger" in first.message
    assert second == 4242
    assert server.sent < 20 * MiB  # the till hung up long before the end
    assert peak < 8 * MiB


def test_a_gzip_bomb_never_inflates_past_the_cap(bomb: bytes) -> None:
    server = RawServer(bomb_answer(bomb), ok_answer(OWN))
    started = time.monotonic()
    (first, second), peak = peak_python_memory(lambda: run_against(server, lookup_twice))
    assert isinstance(first, InvalidResponseError)
    assert "larger" in first.message
    assert second == 4242
    assert peak < 8 * MiB  # 1 GiB if it had been inflated
    assert time.monotonic() - started < 5.0


def test_the_cap_is_configurable_and_an_answer_at_the_cap_passes() -> None:
    body = envelope(OWN)

    async def exact(exchange: Exchange) -> None:
        await exchange.send(head(len(body)) + body)

    server = RawServer(exact)
    points = run_against(
        server,
        lambda c: c.card_info(card_number="123-456-789"),
        max_answer_bytes=len(body),
    )
    assert points.points == 4242
    with pytest.raises(InvalidResponseError, match="larger"):
        run_against(
            RawServer(exact),
            lambda c: c.card_info(card_number="123-456-789"),
            max_answer_bytes=len(body) - 1,
        )


_RSS_CHILD = """
import asyncio, resource, sys
from pos_app.api import InvalidResponseError, LoyaltyClient

async def main(url: str) -> None:
    async with LoyaltyClient(url, "lty_test_key", "s3cr3t", lookup_timeout=60) as client:
        await client.card_info(card_number="123-456-789")  # warm up: imports, pool, models
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for _ in range(3):
            try:
                await client.card_info(card_number="123-456-789")
            except InvalidResponseError:
                continue
            sys.exit("a huge answer was accepted")
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(before, after)

asyncio.run(main(sys.argv[1]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB is Linux's")
def test_peak_rss_of_a_till_process_stays_flat_under_huge_answers(bomb: bytes) -> None:
    server = RawServer(
        ok_answer(CARD),
        flood(50 * MiB, declared=True),
        flood(50 * MiB, declared=False),
        bomb_answer(bomb),
    )

    async def go() -> tuple[int, int]:
        async with server:
            child = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                _RSS_CHILD,
                server.url,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            out, err = await asyncio.wait_for(child.communicate(), 120)
        assert child.returncode == 0, err.decode()
        before, after = map(int, out.split())
        return before, after

    before, after = run_fresh(go())
    print(f"peak RSS of the client process: {before / 1024:.1f} MiB -> {after / 1024:.1f} MiB")
    assert after - before < 16 * 1024  # KiB; reading any of them whole costs 50 MB to 1 GiB


# ---- bad framing ---------------------------------------------------------------------------


def smuggler(
    framing: str, *, late: bool = False
) -> Callable[[Exchange], Coroutine[Any, Any, None]]:
    """A good answer whose framing ends early, followed by a second answer nobody asked for."""

    async def answer(exchange: Exchange) -> None:
        body = envelope(CARD)
        evil = envelope(EVIL)
        extra = head(len(evil)) + evil
        if framing == "content-length":
            first = head(len(body)) + body
        else:
            chunk = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
            first = head(None, "Transfer-Encoding: chunked") + chunk
        if late:
            await exchange.send(first)
            await asyncio.sleep(0.05)
            await exchange.send(extra)
        else:
            await exchange.send(first + extra)

    return answer


@pytest.mark.parametrize("late", [False, True], ids=["same-packet", "late"])
@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_bytes_past_an_answers_end_never_reach_the_next_request(framing: str, late: bool) -> None:
    server = RawServer(smuggler(framing, late=late), ok_answer(OWN))

    async def calls(client: LoyaltyClient) -> list[int | Exception]:
        first = (await client.card_info(card_number="123-456-789")).points
        await asyncio.sleep(0.2)  # the late bytes are in by now
        return [first, (await client.card_info(card_number="123-456-789")).points]

    assert run_against(server, calls) == [CARD["points"], 4242]
    assert server.connections == 2


def test_the_smuggling_server_does_fool_a_plain_pool() -> None:
    """The attack above is real: httpx's own pool hands the extra answer to the next request."""
    server = RawServer(smuggler("content-length"), ok_answer(OWN))

    async def go() -> list[Any]:
        async with server, httpx.AsyncClient(base_url=server.url) as plain:
            return [(await plain.get(f"/{n}")).json()["data"]["points"] for n in range(2)]

    assert run_fresh(go()) == [CARD["points"], EVIL["points"]]


def test_a_truncated_envelope_is_unreadable_and_its_leftovers_go_nowhere() -> None:
    async def cut(exchange: Exchange) -> None:
        body = envelope(CARD)
        await exchange.send(head(len(body) - 5) + body)

    server = RawServer(cut, ok_answer(OWN))
    first, second = run_against(server, lookup_twice)
    assert isinstance(first, InvalidResponseError)
    assert second == 4242
    assert server.connections == 2


def test_a_healthy_connection_is_still_reused() -> None:
    server = RawServer(ok_answer(CARD))
    assert run_against(server, lookup_twice) == [CARD["points"], CARD["points"]]
    assert server.connections == 1


# ---- the same guard over TLS ---------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A server context with a fresh self-signed certificate for 127.0.0.1, and a client
    context that trusts exactly that certificate."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_file, key_file)
    client = ssl.create_default_context(cafile=str(cert_file))
    return server, client


def test_over_tls_the_guard_still_drops_a_badly_framed_connection(
    tls_pair: tuple[ssl.SSLContext, ssl.SSLContext],
) -> None:
    server_tls, client_tls = tls_pair
    server = RawServer(smuggler("content-length"), ok_answer(OWN), tls=server_tls)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)

    async def go() -> list[Any]:
        transport = GuardedTransport(verify=client_tls, limits=limits, retries=0)
        async with server, httpx.AsyncClient(base_url=server.url, transport=transport) as client:
            return [(await client.get(f"/{n}")).json()["data"]["points"] for n in range(2)]

    assert run_fresh(go()) == [CARD["points"], 4242]
    assert server.connections == 2


def test_over_tls_an_untrusted_certificate_is_refused(
    tls_pair: tuple[ssl.SSLContext, ssl.SSLContext],
) -> None:
    server_tls, _ = tls_pair
    server = RawServer(ok_answer(OWN), tls=server_tls)

    async def go() -> None:
        async with server, LoyaltyClient(server.url, KEY, SECRET) as client:
            await client.card_info(card_number="123-456-789")

    with pytest.raises(NetworkError) as caught:
        run_fresh(go())
    assert not caught.value.may_have_reached_server  # refused at set-up: nothing was sent


def test_the_deadline_also_fires_on_the_tills_own_qt_event_loop(
    qtbot: Any, qasync_loop: asyncio.AbstractEventLoop, sandbox: Any
) -> None:
    from pos_app.sandbox import DEMO_API_KEY, DEMO_API_SECRET
    from pos_app.testing.helpers import run_async

    sandbox.faults.latency_ms = 3000

    async def lookup() -> NetworkError | None:
        async with LoyaltyClient(
            sandbox.base_url, DEMO_API_KEY, DEMO_API_SECRET, lookup_timeout=0.5
        ) as client:
            try:
                await client.card_info(card_number="900-001-001")
            except NetworkError as exc:
                return exc
        return None

    started = time.monotonic()
    caught = run_async(qasync_loop, qtbot, lookup())
    assert isinstance(caught, NetworkError)
    assert "did not answer within" in caught.message
    assert time.monotonic() - started < 2.0
