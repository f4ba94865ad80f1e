"""The v2 job object (``../shared/modelarts-v2-api.md`` §3) as list, show and terminate send it.

Shapes and types follow the official examples and ``huaweicloudsdkmodelarts``'
models (``JobResponse``): times in epoch ms, ``duration`` in ms,
``node_count_metrics`` as ``[[t_ms, nodes], ...]``, ``status.tasks`` the task
names. A job's stored fields replace the generated ones (``metadata`` and
``status`` are merged key by key).
"""

from __future__ import annotations

from typing import Any

from .v2_store import PhaseSnapshot, V2Record

_ENGINE = {
    "engine_id": "pytorch-cp36-1.4.0-v2",
    "engine_name": "PyTorch",
    "engine_version": "PyTorch-1.4.0-python3.6-v2",
}


def _algorithm(record: V2Record) -> dict[str, Any]:
    bucket = f"obs://emulator/{record.name}"
    return {
        "code_dir": f"{bucket}/code/",
        "boot_file": f"{bucket}/code/train.py",
        "inputs": [
            {
                "name": "data_url",
                "local_dir": "/home/ma-user/modelarts/inputs/data_url_0",
                "remote": {"obs": {"obs_url": f"{bucket}/data/"}},
            }
        ],
        "outputs": [
            {
                "name": "train_url",
                "local_dir": "/home/ma-user/modelarts/outputs/train_url_0",
                "remote": {"obs": {"obs_url": f"{bucket}/output/"}},
            }
        ],
        "engine": dict(_ENGINE),
    }


def _spec(record: V2Record) -> dict[str, Any]:
    return {
        "resource": {
            "policy": "regular",
            "flavor_id": "modelarts.vm.pnt1.large.eco",
            "flavor_name": "Computing GPU(Pnt1) instance",
            "node_count": record.nodes,
            "flavor_detail": {
                "flavor_type": "GPU",
                "billing": {"code": "modelarts.vm.gpu.pnt1.eco", "unit_num": 1},
                "flavor_info": {
                    "cpu": {"arch": "x86", "core_num": 8},
                    "gpu": {"unit_num": 1, "product_name": "GP-Pnt1", "memory": "8GB"},
                    "memory": {"size": 64, "unit": "GB"},
                },
            },
        }
    }


def _status(record: V2Record, snap: PhaseSnapshot) -> dict[str, Any]:
    metrics = None
    if snap.start_time:
        end = snap.start_time + snap.duration
        metrics = [[snap.start_time, record.nodes], [end, record.nodes]]
    return {
        "phase": snap.phase,
        "secondary_phase": snap.secondary_phase,
        "duration": snap.duration,
        "start_time": snap.start_time,
        "node_count_metrics": metrics,
        "tasks": record.tasks,
    }


def job_object(record: V2Record, snap: PhaseSnapshot) -> dict[str, Any]:
    """The full job object at one instant."""
    metadata = {
        "id": record.id,
        "name": record.name,
        "description": "",
        "create_time": snap.create_time,
        "workspace_id": "0",
        "user_name": "demo",
    }
    body: dict[str, Any] = {
        "kind": "job",
        "metadata": metadata,
        "status": _status(record, snap),
        "algorithm": _algorithm(record),
        "spec": _spec(record),
    }
    for key, value in record.fields.items():
        if key in ("metadata", "status") and isinstance(value, dict):
            body[key] = {**body[key], **value}
        else:
            body[key] = value
    # The computed values win over stored ones: they move with the clock.
    body["metadata"]["id"], body["metadata"]["create_time"] = record.id, snap.create_time
    body["status"].update(_status(record, snap))
    return body
