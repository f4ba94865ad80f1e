"""Issue 13 item 3: every JSON GET answer carries a strong ETag, answers If-None-Match with
304 (under 1 KB on the wire), and goes gzip-compressed over 16 KB when the client accepts it."""

from __future__ import annotations

import asyncio
import gzip
import json

from jupyterlab_modelarts.answer import GZIP_MIN_BYTES, Answer, accepts_gzip, pieces
from jupyterlab_modelarts.emulator.demo import BIG_JOB, MNIST_JOB, MNIST_RUNNING_VERSION

BIG = ("jupyterlab-modelarts", "training-jobs", str(BIG_JOB), "versions")


async def _raw(jp_fetch, *parts, **headers):
    """One GET as the wire has it: no transparent decompression."""
    return await jp_fetch(
        *parts, headers=headers, decompress_response=False, raise_error=False, method="GET"
    )


async def test_a_large_answer_is_gzipped_once_and_means_the_same(jp_fetch):
    plain = await _raw(jp_fetch, *BIG, **{"Accept-Encoding": "identity"})
    packed = await _raw(jp_fetch, *BIG, **{"Accept-Encoding": "gzip"})
    again = await _raw(jp_fetch, *BIG, **{"Accept-Encoding": "gzip, deflate"})
    assert plain.code == packed.code == again.code == 200
    assert len(plain.body) > GZIP_MIN_BYTES
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert packed.headers["Vary"] == "Accept-Encoding" == plain.headers["Vary"]
    assert len(packed.body) < len(plain.body) / 4
    assert json.loads(gzip.decompress(packed.body)) == json.loads(plain.body)
    assert packed.body == again.body  # the cached answer's one compression
    # A strong ETag per representation.
    assert plain.headers["Etag"].startswith('"') and packed.headers["Etag"].startswith('"')
    assert plain.headers["Etag"] != packed.headers["Etag"]


async def test_a_small_answer_is_not_compressed(jp_fetch):
    small = await _raw(
        jp_fetch,
        "jupyterlab-modelarts",
        "training-jobs",
        str(MNIST_JOB),
        "versions",
        **{"Accept-Encoding": "gzip"},
    )
    assert small.code == 200 and len(small.body) <= GZIP_MIN_BYTES
    assert "Content-Encoding" not in small.headers
    assert small.headers["Etag"].startswith('"')
    json.loads(small.body)


async def test_if_none_match_answers_304_with_no_body(jp_fetch, emulator):
    first = await _raw(jp_fetch, *BIG, **{"Accept-Encoding": "gzip"})
    etag = first.headers["Etag"]
    again = await _raw(jp_fetch, *BIG, **{"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.code == 304 and again.body == b""
    assert again.headers["Etag"] == etag
    other = await _raw(jp_fetch, *BIG, **{"If-None-Match": '"something-else"'})
    assert other.code == 200 and len(other.body) > GZIP_MIN_BYTES


async def test_a_304_is_under_1_kb_on_the_wire(jp_fetch, jp_http_port, jp_base_url, jp_auth_header):
    first = await _raw(jp_fetch, *BIG, **{"Accept-Encoding": "gzip"})
    path = jp_base_url + "/".join(BIG)
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{jp_http_port}\r\n"
        f"Authorization: {jp_auth_header['Authorization']}\r\nAccept-Encoding: gzip\r\n"
        f"If-None-Match: {first.headers['Etag']}\r\nConnection: close\r\n\r\n"
    )
    reader, writer = await asyncio.open_connection("127.0.0.1", jp_http_port)
    try:
        writer.write(request.encode())
        await writer.drain()
        wire = await reader.read()
    finally:
        writer.close()
    assert wire.startswith(b"HTTP/1.1 304"), wire[:200]
    assert len(wire) < 1024, len(wire)


async def test_every_json_get_carries_an_etag_and_a_post_does_not(api):
    for parts in (("session",), ("training-jobs",), ("openapi.json",)):
        reply = await api(*parts)
        assert reply.code == 200 and reply.headers["Etag"].startswith('"'), parts
    stop = await api(
        "training-jobs",
        str(MNIST_JOB),
        "versions",
        str(MNIST_RUNNING_VERSION),
        "stop",
        method="POST",
    )
    assert stop.code == 200 and "Etag" not in stop.headers


def test_gzip_is_made_once_per_answer():
    answer = Answer([b'{"a":', b"1" * 40_000, b"}"])
    first = answer.gzipped()
    assert answer.gzipped() is first
    assert gzip.decompress(b"".join(first)) == answer.body()
    assert answer.matches(answer.etag) and answer.matches(f"W/{answer.gzip_etag}")
    assert answer.matches("*") and not answer.matches('"other"')


def test_accept_encoding_and_pieces():
    assert accepts_gzip("gzip, deflate, br") and accepts_gzip("*")
    assert not accepts_gzip("identity") and not accepts_gzip("gzip;q=0")
    out = list(pieces([b"a" * 10, b"b" * 25, b"c"], limit=8))
    assert b"".join(out) == b"a" * 10 + b"b" * 25 + b"c"
    assert max(len(piece) for piece in out) <= 8
