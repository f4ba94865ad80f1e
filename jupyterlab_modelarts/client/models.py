"""Typed views of ModelArts v1 job and version bodies that lose nothing.

Each model exposes the documented fields with forgiving conversions (the docs
contradict themselves on ``core``/``cpu``, ``parameter[].value`` and the
metric lists), and keeps the body exactly as received: ``to_dict()`` returns
it, ``extra`` holds the fields the docs do not know.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

from .fields import (
    as_bool,
    as_int,
    as_json_object,
    as_list,
    as_str,
    documented,
    listed,
    optional,
    required,
)
from .status import StatusInfo, describe

M = TypeVar("M", bound="_Model")


def _each(model: type[M]) -> Callable[[Any], list[M]]:
    """Converts a list of nested bodies with ``model.from_dict`` (non-objects dropped)."""

    def convert(value: Any) -> list[M]:
        return [model.from_dict(item) for item in as_list(value) if isinstance(item, Mapping)]

    return convert


@dataclass(repr=False)
class _Model:
    """Base: keeps the body as received; documented fields are read from it on demand."""

    _raw: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Build from an upstream body; never fails on odd types or extra keys.

        The body is kept, not copied (a shallow copy of its top level only): it is
        freshly decoded upstream data that the model only reads. Nested values are
        shared with ``data``; ``to_dict()`` hands callers their own deep copy.
        Fields are converted when first read (``fields.Field``).
        """
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__} expects a JSON object, got {type(data).__name__}")
        return cls(_raw=dict(data))

    def to_dict(self) -> dict[str, Any]:
        """The body exactly as ModelArts sent it (known and unknown fields), the caller's copy."""
        return copy.deepcopy(self._raw)

    @property
    def raw(self) -> Mapping[str, Any]:
        """The body as received, read-only and not copied (what the views read)."""
        return MappingProxyType(self._raw)

    @property
    def extra(self) -> dict[str, Any]:
        """Fields ModelArts sent that the documentation does not list."""
        known = set(documented(type(self)))
        return {k: v for k, v in self._raw.items() if k not in known and k != "is_success"}

    def get(self, key: str, default: Any = None) -> Any:
        """Any upstream field by name, as received (dict-style access)."""
        return self._raw.get(key, default)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in documented(type(self)))
        return f"{type(self).__name__}({shown})"


@dataclass(repr=False)
class _WithStatus(_Model):
    """A body with a version ``status`` code, described by the one status table."""

    status = required(as_int, 0)

    @property
    def status_info(self) -> StatusInfo:
        """Name, label, kind and running/terminal/stoppable flags of ``status``."""
        return describe(self.status)


@dataclass(repr=False)
class JobVersion(_WithStatus):
    """One version of a training job (list-versions item or version details)."""

    version_id = required(as_int, 0)
    version_name = required(as_str, "")
    job_id = optional(as_int)
    job_name = optional(as_str)
    job_desc = optional(as_str)
    pre_version_id = optional(as_int)
    engine_type = optional(as_int)
    engine_name = optional(as_str)
    engine_id = optional(as_int)
    engine_version = optional(as_str)
    app_url = optional(as_str)
    boot_file_url = optional(as_str)
    create_time = optional(as_int)
    start_time = optional(as_int)
    duration = optional(as_int)
    parameter = listed(as_list)
    spec_id = optional(as_int)
    spec_code = optional(as_str)
    core = optional(as_str)
    cpu = optional(as_str)
    gpu = optional(as_bool)
    gpu_num = optional(as_int)
    gpu_type = optional(as_str)
    worker_server_num = optional(as_int)
    data_url = optional(as_str)
    train_url = optional(as_str)
    log_url = optional(as_str)
    dataset_version_id = optional(as_str)
    dataset_id = optional(as_str)
    dataset_name = optional(as_str)
    dataset_version_name = optional(as_str)
    data_source = listed(as_list)
    model_id = optional(as_int)
    user_image_url = optional(as_str)
    user_command = optional(as_str)
    resource_id = optional(as_str)
    volumes = listed(as_list)
    pool_id = optional(as_str)
    pool_name = optional(as_str)
    nas_mount_path = optional(as_str)
    nas_share_addr = optional(as_str)
    nas_type = optional(as_str)

    model_metric_list = optional(as_json_object)
    system_metric_list = optional(as_json_object)

    @property
    def parameters(self) -> dict[str, Any]:
        """``parameter`` as ``{label: value}``; values keep whatever type they came with."""
        return {
            str(item.get("label")): item.get("value")
            for item in self.parameter
            if isinstance(item, Mapping)
        }


@dataclass(repr=False)
class VersionList(_Model):
    """All versions of one job, newest first, merged from every page."""

    job_id = required(as_int, 0)
    job_name = required(as_str, "")
    job_desc = required(as_str, "")
    version_count = required(as_int, 0)
    versions = listed(_each(JobVersion))

    def to_dict(self) -> dict[str, Any]:
        """The job fields as ModelArts sent them and every version's body, the caller's copy."""
        body = copy.deepcopy({k: v for k, v in self._raw.items() if k != "versions"})
        body["versions"] = [version.to_dict() for version in self.versions]
        return body


@dataclass(repr=False)
class Job(_WithStatus):
    """One row of the training-job list (``status`` is the latest version's)."""

    job_id = required(as_int, 0)
    job_name = required(as_str, "")
    version_id = optional(as_int)
    create_time = optional(as_int)
    duration = optional(as_int)
    job_desc = optional(as_str)
    version_count = optional(as_int)


@dataclass(repr=False)
class JobList(_Model):
    """One page of the training-job list."""

    job_total_count = required(as_int, 0)
    job_count_limit = optional(as_int)
    quotas = optional(as_int)
    jobs = listed(_each(Job))
