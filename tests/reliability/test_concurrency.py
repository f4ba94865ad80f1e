"""Many different ModelArts calls in flight at once on a slow upstream all get their answer.

Each call has its own cache key (a different version), so single flight cannot
merge them. The calls come from a client allowed 100 connections (jp_fetch's
shared client would queue all but 10 on the test's side and hide the problem).
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from tornado.httpclient import AsyncHTTPClient

from jupyterlab_modelarts.emulator.demo import BIG_JOB


@pytest.mark.modelarts(connect_timeout=1.0, request_timeout=10.0, cache_ttl=0.0)
async def test_thirty_distinct_calls_on_a_slow_upstream_all_succeed(
    api, emulator, jupyter_status, jp_http_port, jp_base_url, jp_auth_header
):
    listing = await api("training-jobs", str(BIG_JOB), "versions")
    ids = [str(v["version_id"]) for v in listing.body["versions"][:30]]
    emulator.clear_stats()
    emulator.set_fault("get_version", "latency", latency=1.0)
    client = AsyncHTTPClient(force_instance=True, max_clients=100)
    base = f"http://127.0.0.1:{jp_http_port}{jp_base_url}jupyterlab-modelarts/training-jobs"
    try:
        replies = await asyncio.gather(
            *(
                client.fetch(
                    f"{base}/{BIG_JOB}/versions/{version}",
                    headers=jp_auth_header,
                    raise_error=False,
                    request_timeout=60,
                )
                for version in ids
            )
        )
    finally:
        client.close()
    codes = Counter(r.code for r in replies)
    assert codes == {200: 30}, (codes, {r.body[:200] for r in replies if r.code != 200})
    assert emulator.count("get_version") == 30
    assert await jupyter_status() == 200
