"""Issue 12 item 4: the response cache purges expired answers and stays within its bounds.

In process, the cache's own counts show the bounds (entries, bytes) and the
purge of expired answers. In a real server process, the resident memory after a
burst of distinct keys returns near where it started, where an unbounded cache
kept every answer (the adversarial pass: 100 -> 234 MB for 200 distinct jobs).
"""

from __future__ import annotations

import asyncio

import psutil
import pytest
from support import extension_traits

from jupyterlab_modelarts.handler_base import SERVICE_SETTING

from .server_process import ServerProcess

MB = 1024 * 1024


def _cache(jp_serverapp):
    return jp_serverapp.web_app.settings[SERVICE_SETTING].cache


@pytest.mark.modelarts(cache_ttl=60.0, cache_max_entries=20)
async def test_distinct_searches_stay_within_the_entry_bound(api, jp_serverapp):
    for n in range(60):
        assert (await api("training-jobs", params={"search": f"s{n}"})).code == 200
    cache = _cache(jp_serverapp)
    assert len(cache) == 20
    assert (await api("training-jobs", params={"search": "s59"})).code == 200  # still cached


@pytest.mark.modelarts(cache_ttl=60.0, cache_max_bytes=1000)
async def test_distinct_answers_stay_within_the_byte_bound(api, jp_serverapp):
    for n in range(40):
        assert (await api("training-jobs", params={"search": f"s{n}"})).code == 200
    cache = _cache(jp_serverapp)
    assert 0 < cache.bytes <= 1000 and len(cache) < 40


@pytest.mark.modelarts(cache_ttl=0.3)
async def test_expired_answers_are_purged(api, jp_serverapp):
    for n in range(30):
        await api("training-jobs", params={"search": f"s{n}"})
    cache = _cache(jp_serverapp)
    assert len(cache) == 30
    await asyncio.sleep(0.4)  # every answer is now past its time to live
    # Any cached read sweeps (the session route is not cached: its "apis" must be current).
    await api("training-jobs", params={"search": "no-such-job"})
    assert len(cache) == 1 and cache.bytes < 1000  # the empty list just stored


def _data(jobs: int, versions: int) -> dict:
    """``jobs`` jobs of ``versions`` finished versions each (about 0.5 KB per version)."""
    return {
        "jobs": [
            {
                "job_id": 700000 + j,
                "job_name": f"burst-{j}",
                "versions": [
                    {
                        "version_id": 800000 + j * versions + v,
                        "version_name": f"V{v:04d}",
                        "status": 10,
                        "engine_name": "PyTorch",
                        "engine_version": "PyTorch-1.8.0-python3.7",
                        "flavor_code": "modelarts.vm.gpu.v100",
                    }
                    for v in range(versions)
                ],
            }
            for j in range(jobs)
        ]
    }


def test_memory_returns_near_its_start_after_a_burst_of_distinct_jobs(emulator, tmp_path):
    jobs = 120
    emulator.load_data(_data(jobs, 300))
    # A 4 MB bound and a time to live longer than the burst: only the bound evicts.
    traits = extension_traits(emulator, cache_ttl=600.0, cache_max_bytes=4 * MB)
    server = ServerProcess(tmp_path, traits, log_level="INFO")
    try:
        server.wait_ready()
        process = psutil.Process(server.proc.pid)
        for _ in range(2):  # warm up: imports, pools, the allocator's first arenas
            for j in range(5):
                assert server.get(f"jupyterlab-modelarts/training-jobs/{700000 + j}/versions").ok
        start = process.memory_info().rss
        served = 0
        for j in range(jobs):
            answer = server.get(f"jupyterlab-modelarts/training-jobs/{700000 + j}/versions")
            assert answer.ok, answer.text[:200]
            served += len(answer.content)
        after = process.memory_info().rss
    finally:
        server.stop()
    assert served > 50 * MB  # the burst was far larger than the cache's bound
    grown = (after - start) / MB
    print(f"RSS grew {grown:.1f} MB over {served / MB:.0f} MB of answers")
    assert grown < 20, f"RSS grew {grown:.0f} MB over a burst of {served / MB:.0f} MB of answers"
