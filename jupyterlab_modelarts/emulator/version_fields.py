"""Documented version fields: plausible defaults and the two API views.

Types follow the v1 doc sample: Long/Int fields are ints, times epoch ms,
``core``/``cpu`` numbers (the sample, not the table's "String"),
``parameter[].value`` as given. The list API carries ``model_metric_list``
and ``system_metric_list`` as JSON-encoded strings; the details API carries
``system_metric_list`` as an object (as each doc page types it).
"""

from __future__ import annotations

import functools
import json
import uuid
from typing import Any

from .lifecycle import Snapshot


def _metrics(seed: int) -> tuple[dict[str, Any], dict[str, Any]]:
    accuracy = round(0.80 + (seed % 17) / 100, 4)
    model = {
        "metric": [
            {
                "metric_values": {
                    "recall": accuracy - 0.01,
                    "precision": accuracy - 0.02,
                    "accuracy": accuracy,
                },
                "reserved_data": {},
                "metric_meta": {"class_name": 0, "class_id": 0},
            }
        ],
        "total_metric": {
            "total_metric_meta": {},
            "total_reserved_data": {},
            "total_metric_values": {
                "recall": accuracy - 0.01,
                "id": 0,
                "precision": accuracy - 0.02,
                "accuracy": accuracy,
            },
        },
    }
    series = [f"{(seed * 7 + i * 13) % 100}.{i % 10}0" for i in range(4)]
    system: dict[str, Any] = {
        key: list(series)
        for key in (
            "cpuUsage",
            "memUsage",
            "gpuUtil",
            "gpuMemUsage",
            "diskReadRate",
            "diskWriteRate",
            "recvBytesRate",
            "sendBytesRate",
        )
    }
    system["interval"] = 1
    return model, system


def default_fields(job_id: int, version_id: int, number: int) -> dict[str, Any]:
    """Every documented non-computed field for version number ``number`` (V0001 = 1).

    A fresh top-level dict; nested values are shared and must not be mutated.
    """
    return dict(_cached_fields(job_id, version_id, number))


# Resets reload thousands of versions; building these is most of the cost.
@functools.lru_cache(maxsize=8192)
def _cached_fields(job_id: int, version_id: int, number: int) -> dict[str, Any]:
    model, system = _metrics(version_id)
    ids = uuid.uuid5(uuid.NAMESPACE_OID, f"{job_id}/{version_id}")
    return {
        "version_id": version_id,
        "version_name": f"V{number:04d}",
        "pre_version_id": 0 if number <= 1 else version_id - 1,
        "engine_type": 1,
        "engine_name": "TensorFlow",
        "engine_id": 1,
        "engine_version": "TF-1.8.0-python3.6",
        "app_url": f"/demo-bucket/job-{job_id}/code/",
        "boot_file_url": f"/demo-bucket/job-{job_id}/code/train.py",
        "parameter": [
            {"label": "learning_rate", "value": 0.01},
            {"label": "epochs", "value": "10"},
        ],
        "spec_id": 1,
        "core": 2,
        "cpu": 8,
        "gpu": True,
        "gpu_num": 1,
        "gpu_type": "P100",
        "worker_server_num": 1,
        "data_url": f"/demo-bucket/job-{job_id}/data/",
        "train_url": f"/demo-bucket/job-{job_id}/output/V{number:04d}/",
        "log_url": f"/demo-bucket/job-{job_id}/log/",
        "dataset_version_id": str(uuid.uuid5(ids, "dataset-version")),
        "dataset_id": str(uuid.uuid5(ids, "dataset")),
        "data_source": [{"type": "obs", "data_url": f"/demo-bucket/job-{job_id}/data/"}],
        "model_id": 1,
        "model_metric_list": model,
        "system_metric_list": system,
        "user_image_url": "",
        "user_command": "",
        "resource_id": f"jobs{version_id:x}",
        "dataset_name": "",
        "dataset_version_name": "",
        "spec_code": "modelarts.vm.gpu.p100",
        "volumes": [],
        "pool_id": "",
        "pool_name": "",
        "nas_mount_path": "",
        "nas_share_addr": "",
        "nas_type": "nfs",
    }


def _as_string(value: Any) -> Any:
    return value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))


def _as_object(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def list_item(fields: dict[str, Any], snap: Snapshot) -> dict[str, Any]:
    """A ``versions[]`` element of the list API."""
    out = dict(fields)
    out.update(
        status=snap.status,
        create_time=snap.create_time,
        start_time=snap.start_time,
        duration=snap.duration,
    )
    out["model_metric_list"] = _as_string(out.get("model_metric_list", ""))
    out["system_metric_list"] = _as_string(out.get("system_metric_list", ""))
    return out


def detail(job: Any, fields: dict[str, Any], snap: Snapshot) -> dict[str, Any]:
    """The flat body of the version-details API."""
    out: dict[str, Any] = {
        "is_success": True,
        "job_id": job.job_id,
        "job_name": job.job_name,
        "job_desc": job.job_desc,
    }
    out.update(list_item(fields, snap))
    out["system_metric_list"] = _as_object(fields.get("system_metric_list", {}))
    return out
