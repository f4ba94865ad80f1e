"""The built-in demo data set (in the ``store.py`` data-set format).

Times are relative to load time, so a fresh emulator (or an admin reset)
always shows the same picture:

* 182626 ``mnist-resnet``: 278813 V0004 RUNNING for good (the version the demo
  and browser tests stop), 278812 V0003 completed, 278811 V0002 failed,
  278810 V0001 canceled.
* 182627 ``cifar10-vgg``: two versions created at load time that walk
  1 -> 2 -> 4 -> 7 -> 8 and then complete (279002, after 60 s of running) or
  fail (279001, after 30 s).
* 182628 ``imagenet-sweep``: 1,200 finished versions (paging).
* 182629 ``empty-draft``: no versions.
* 182630 ``bert-finetune``: 280001 RUNNING for good, 280000 stuck QUEUED (7).
"""

from __future__ import annotations

from typing import Any

MNIST_JOB = 182626
MNIST_RUNNING_VERSION = 278813
LIVE_JOB = 182627
BIG_JOB = 182628
BIG_JOB_VERSIONS = 1200
EMPTY_JOB = 182629
BERT_JOB = 182630

HOUR_MS = 3600 * 1000


def demo_data(now_ms: int) -> dict[str, Any]:
    """A fresh copy of the demo data set; ``now_ms`` dates the fixed versions."""
    sweep = [
        {
            "version_id": 300000 + n,
            "version_name": f"V{n:04d}",
            "status": 11 if n % 50 == 0 else (12 if n % 75 == 0 else 10),
            "create_time": now_ms - (BIG_JOB_VERSIONS - n + 2) * 600 * 1000,
            "duration": 300000 + n * 17,
            "parameter": [{"label": "learning_rate", "value": round(0.001 * (n % 10 + 1), 4)}],
        }
        for n in range(1, BIG_JOB_VERSIONS + 1)
    ]
    return {
        "jobs": [
            {
                "job_id": MNIST_JOB,
                "job_name": "mnist-resnet",
                "job_desc": "ResNet-18 on MNIST",
                "versions": [
                    _fixed(278810, 1, 12, now_ms - 96 * HOUR_MS, 1200000),
                    _fixed(278811, 2, 11, now_ms - 72 * HOUR_MS, 45000),
                    _fixed(278812, 3, 10, now_ms - 48 * HOUR_MS, 5320030),
                    {
                        "version_id": MNIST_RUNNING_VERSION,
                        "version_name": "V0004",
                        "pre_version_id": 278812,
                        "engine_name": "PyTorch",
                        "engine_version": "PyTorch-1.8.0-python3.7",
                        "lifecycle": {"start": -1800, "run_seconds": None},
                    },
                ],
            },
            {
                "job_id": LIVE_JOB,
                "job_name": "cifar10-vgg",
                "job_desc": "VGG-16 on CIFAR-10 (statuses move as you watch)",
                "versions": [
                    {
                        "version_id": 279001,
                        "version_name": "V0001",
                        "lifecycle": {"start": 0, "run_seconds": 30, "outcome": 11},
                    },
                    {
                        "version_id": 279002,
                        "version_name": "V0002",
                        "pre_version_id": 279001,
                        "lifecycle": {"start": 0, "run_seconds": 60, "outcome": 10},
                    },
                ],
            },
            {
                "job_id": BIG_JOB,
                "job_name": "imagenet-sweep",
                "job_desc": "Hyper-parameter sweep with many versions",
                "versions": sweep,
            },
            {"job_id": EMPTY_JOB, "job_name": "empty-draft", "job_desc": "", "versions": []},
            {
                "job_id": BERT_JOB,
                "job_name": "bert-finetune",
                "job_desc": "BERT base fine-tuning",
                "versions": [
                    {
                        "version_id": 280000,
                        "version_name": "V0001",
                        "status": 7,
                        "create_time": now_ms - 2 * HOUR_MS,
                        "duration": 0,
                    },
                    {
                        "version_id": 280001,
                        "version_name": "V0002",
                        "pre_version_id": 280000,
                        "lifecycle": {"start": -7200, "run_seconds": None},
                    },
                ],
            },
        ]
    }


def _fixed(version_id: int, number: int, status: int, create_ms: int, duration_ms: int) -> dict:
    return {
        "version_id": version_id,
        "version_name": f"V{number:04d}",
        "pre_version_id": version_id - 1 if number > 1 else 0,
        "status": status,
        "create_time": create_ms,
        "duration": duration_ms,
    }
