"""Many different ModelArts calls in flight at once on a slow upstream all get their answer.

Each call here has its own cache key (a different version), so single flight
cannot merge them: the extension must hold them all in flight against a slow
ModelArts without failing the ones that wait for a connection slot.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from jupyterlab_modelarts.emulator.demo import BIG_JOB


@pytest.mark.traits(connect_timeout=1.0, request_timeout=10.0, cache_ttl=0.0)
async def test_forty_distinct_calls_on_a_slow_upstream_all_succeed(api, emulator, jupyter_status):
    listing = await api("training-jobs", str(BIG_JOB), "versions")
    ids = [str(v["version_id"]) for v in listing.body["versions"][:40]]
    emulator.clear_stats()
    emulator.set_fault("get_version", "latency", latency=0.5)
    replies = await asyncio.gather(
        *(api("training-jobs", str(BIG_JOB), "versions", version) for version in ids)
    )
    codes = Counter(r.code for r in replies)
    assert codes == {200: 40}, (codes, {r.text for r in replies if r.code != 200})
    assert emulator.count("get_version") == 40
    assert await jupyter_status() == 200
