"""read_capped: any body, chunking and packing comes back whole, or is refused past the cap."""

from __future__ import annotations

import gzip
import itertools
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pos_app.api import InvalidResponseError
from pos_app.api.wire import AnswerTooLarge, read_capped
from pos_app.testing.helpers import run_fresh


class Chunks(httpx.AsyncByteStream):
    """A response body arriving in the given pieces, as from a socket."""

    def __init__(self, pieces: list[bytes]) -> None:
        self.pieces = pieces

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            yield piece


def pack(body: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.compress(body)
    if encoding == "deflate":
        return zlib.compress(body)
    if encoding == "raw-deflate":
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        return packer.compress(body) + packer.flush()
    return body


def split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({min(cut, len(data)) for cut in cuts} | {0, len(data)})
    return [data[a:b] for a, b in itertools.pairwise(points)]


def read(pieces: list[bytes], cap: int, **headers: str) -> bytes:
    response = httpx.Response(200, headers=headers, stream=Chunks(pieces))
    return run_fresh(read_capped(response, cap))


@settings(max_examples=150, deadline=None)
# A raw deflate stream split after its first byte (a zlib header cannot be told from it yet).
@example(body=b"", cap=1, encoding="raw-deflate", cuts=[1], declare=False)
@example(body=b"{}", cap=10, encoding="deflate", cuts=[1], declare=True)
@given(
    body=st.binary(max_size=3000) | st.integers(0, 5000).map(lambda n: b"\0" * n),
    cap=st.integers(1, 4000),
    encoding=st.sampled_from(["identity", "gzip", "deflate", "raw-deflate"]),
    cuts=st.lists(st.integers(0, 6000), max_size=8),
    declare=st.booleans(),
)
def test_whole_or_refused_past_the_cap(
    body: bytes, cap: int, encoding: str, cuts: list[int], declare: bool
) -> None:
    packed = pack(body, encoding)
    headers = {"Content-Encoding": encoding.replace("raw-", "")} if encoding != "identity" else {}
    if declare:
        headers["Content-Length"] = str(len(packed))
    if len(body) > cap:
        with pytest.raises(AnswerTooLarge):
            read(split(packed, cuts), cap, **headers)
    else:
        assert read(split(packed, cuts), cap, **headers) == body


@pytest.mark.parametrize("encoding", ["br", "zstd", "gzip, gzip", "compress"])
def test_a_packing_the_till_did_not_ask_for_is_unreadable(encoding: str) -> None:
    with pytest.raises(InvalidResponseError, match="packed in a way"):
        read([b"{}"], 100, **{"Content-Encoding": encoding})


def test_damaged_gzip_is_unreadable_not_a_crash() -> None:
    damaged = bytearray(gzip.compress(b'{"success": true, "data": {}}'))
    damaged[12] ^= 0xFF
    with pytest.raises(InvalidResponseError, match="damaged"):
        read([bytes(damaged)], 1000, **{"Content-Encoding": "gzip"})


def test_an_answer_already_in_memory_is_capped_too() -> None:
    response = httpx.Response(200, content=b"x" * 11)
    with pytest.raises(AnswerTooLarge):
        run_fresh(read_capped(response, 10))
    assert run_fresh(read_capped(httpx.Response(200, content=b"x" * 10), 10)) == b"x" * 10
