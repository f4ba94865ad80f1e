"""The built-in v2 demo jobs (the ``training_jobs`` list of the data-set format).

Times are relative to load time, so a fresh emulator (or an admin reset)
always shows the same picture, newest first:

* ``V2_RUNNING`` ``mnist-v2``: Running for good on 2 nodes (the job the demo and tests stop).
* ``V2_LIVE`` ``cifar10-v2``: created at load time, walks Creating -> Pending -> Running and
  completes after 60 s of running.
* ``V2_PENDING`` ``bert-v2-queued``: stuck Pending (terminable, no log yet).
* ``V2_COMPLETED``, ``V2_FAILED``, ``V2_TERMINATED``, ``V2_ABNORMAL``: finished jobs.
* ``V2_SCALE_JOBS`` older finished ``sweep-NNNN`` jobs, for paging at scale.
"""

from __future__ import annotations

from typing import Any

V2_RUNNING = "3faf5c03-aaa1-4cbe-879d-24b05d997347"
V2_LIVE = "cf63aba9-63b1-4219-b717-708a2665100b"
V2_PENDING = "2cd88daa-31a4-40a8-a58f-d186b0e93e4f"
V2_COMPLETED = "618222c4-0a5e-4d2b-9c33-5a1f3e0b7d10"
V2_FAILED = "0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b"
V2_TERMINATED = "7b3c9d2e-1f4a-4b5c-8d6e-9f0a1b2c3d4e"
V2_ABNORMAL = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
V2_SCALE_JOBS = 300
#: Every demo job, for a total.
V2_DEMO_TOTAL = 7 + V2_SCALE_JOBS

HOUR_MS = 3600 * 1000


def scale_id(n: int) -> str:
    """The UUID of scale job ``n`` (1-based)."""
    return f"5ca1e000-0000-4000-8000-{n:012d}"


def v2_demo_jobs(now_ms: int) -> list[dict[str, Any]]:
    """A fresh copy of the v2 demo jobs; ``now_ms`` dates the finished ones."""
    scale = [
        {
            "id": scale_id(n),
            "name": f"sweep-{n:04d}",
            "phase": "Failed" if n % 50 == 0 else ("Terminated" if n % 75 == 0 else "Completed"),
            "create_time": now_ms - (100 + V2_SCALE_JOBS - n) * HOUR_MS,
            "duration": 300000 + n * 17,
        }
        for n in range(1, V2_SCALE_JOBS + 1)
    ]
    return [
        {
            "id": V2_RUNNING,
            "name": "mnist-v2",
            "nodes": 2,
            "metadata": {"description": "ResNet-18 on MNIST (new-version job)"},
            "lifecycle": {"start": -1800, "run_seconds": None},
        },
        {
            "id": V2_LIVE,
            "name": "cifar10-v2",
            "lifecycle": {"start": 0, "run_seconds": 60, "outcome": "Completed"},
        },
        {
            "id": V2_PENDING,
            "name": "bert-v2-queued",
            "phase": "Pending",
            "create_time": now_ms - 1 * HOUR_MS,
        },
        _finished(V2_COMPLETED, "resnet50-v2", "Completed", now_ms - 24 * HOUR_MS, 5320030),
        _finished(V2_FAILED, "gpt-tiny-v2", "Failed", now_ms - 48 * HOUR_MS, 45000),
        _finished(V2_TERMINATED, "yolo-v2", "Terminated", now_ms - 72 * HOUR_MS, 1200000),
        _finished(V2_ABNORMAL, "broken-image-v2", "Abnormal", now_ms - 96 * HOUR_MS, 0),
        *scale,
    ]


def _finished(job_id: str, name: str, phase: str, create_ms: int, duration_ms: int) -> dict:
    return {
        "id": job_id,
        "name": name,
        "phase": phase,
        "create_time": create_ms,
        "duration": duration_ms,
    }
