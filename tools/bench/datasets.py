"""The data set the benchmarks load into the emulator (``PUT /_emulator/data``).

The demo jobs stay (182626 has a running version), plus:

* ``JOB_1K`` / ``JOB_10K``: 1,000 and 10,000 finished versions (scale);
* ``MANY_JOBS``: 100 jobs of two versions (100 *different* list calls in flight,
  which single flight cannot merge);
* ``STOP_JOB``: versions that run forever, one stopped per stop run.
"""

from __future__ import annotations

import time
from typing import Any

from jupyterlab_modelarts.emulator.demo import demo_data

JOB_1K, JOB_10K, STOP_JOB = 900001, 900002, 920000
MANY_JOBS = list(range(910000, 910100))
STOP_VERSIONS = list(range(921000, 921012))
HOUR_MS = 3600 * 1000


def _finished(job_base: int, count: int, now_ms: int) -> list[dict[str, Any]]:
    """``count`` versions with fixed, terminal statuses (no lifecycle ticking)."""
    return [
        {
            "version_id": job_base + n,
            "version_name": f"V{n:05d}",
            "status": 11 if n % 97 == 0 else (12 if n % 89 == 0 else 10),
            "create_time": now_ms - (count - n + 1) * 60 * 1000,
            "duration": 60000 + n * 13,
            "engine_name": "PyTorch",
            "engine_version": "PyTorch-1.8.0-python3.7",
            "flavor_code": "modelarts.vm.gpu.v100",
        }
        for n in range(1, count + 1)
    ]


def bench_data() -> dict[str, Any]:
    """Demo data plus the benchmark jobs."""
    now_ms = int(time.time() * 1000)
    data = demo_data(now_ms)
    jobs = data["jobs"]
    jobs.append(
        {"job_id": JOB_1K, "job_name": "scale-1k", "versions": _finished(500000, 1000, now_ms)}
    )
    jobs.append(
        {"job_id": JOB_10K, "job_name": "scale-10k", "versions": _finished(600000, 10000, now_ms)}
    )
    for job in MANY_JOBS:
        jobs.append(
            {"job_id": job, "job_name": f"many-{job}", "versions": _finished(job * 10, 2, now_ms)}
        )
    jobs.append(
        {
            "job_id": STOP_JOB,
            "job_name": "stop-me",
            "versions": [
                {
                    "version_id": version,
                    "version_name": f"R{version - STOP_VERSIONS[0]:03d}",
                    "lifecycle": {"start": -600, "run_seconds": None, "outcome": 10},
                }
                for version in STOP_VERSIONS
            ],
        }
    )
    return data
