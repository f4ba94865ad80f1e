"""Typed views of ModelArts v1 job and version bodies that lose nothing.

Each model exposes the documented fields with forgiving conversions (the docs
contradict themselves on ``core``/``cpu``, ``parameter[].value`` and the
metric lists), and keeps the body exactly as received: ``to_dict()`` returns
it, ``extra`` holds the fields the docs do not know.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from types import MappingProxyType
from typing import Any, TypeVar

from .status import StatusInfo, describe

M = TypeVar("M", bound="_Model")


def _int(value: Any) -> int | None:
    """Long/Integer fields: ints, integral floats and digit strings; else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            try:
                number = float(value)
            except ValueError:
                return None
            return int(number) if number.is_integer() else None
    return None


def _str(value: Any) -> str | None:
    """String fields; numbers (``core: 2``) become their text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    if isinstance(value, (int, float)):
        return bool(value)
    return None


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else []


def _json_object(value: Any) -> dict[str, Any] | None:
    """Metric lists arrive as JSON-in-a-string or as an object; both become a dict."""
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, str) and value.strip():
        try:
            parsed = json.loads(value)
        except ValueError:
            return None
        return parsed if isinstance(parsed, dict) else None
    return None


def _conv(converter: Callable[[Any], Any], default: Any = None) -> Any:
    return field(default=default, metadata={"conv": converter})


def _each(model: type[M]) -> Callable[[Any], list[M]]:
    """Converts a list of nested bodies with ``model.from_dict`` (non-objects dropped)."""

    def convert(value: Any) -> list[M]:
        return [model.from_dict(item) for item in _list(value) if isinstance(item, Mapping)]

    return convert


#: (name, converter, default) of each model class's converted fields, worked out once.
_CONVERTERS: dict[type, tuple[tuple[str, Callable[[Any], Any], Any], ...]] = {}


def _converters(model: type) -> tuple[tuple[str, Callable[[Any], Any], Any], ...]:
    """(name, converter, default) of ``model``'s converted fields, worked out once per class."""
    known = _CONVERTERS.get(model)
    if known is None:
        known = tuple(
            (f.name, f.metadata["conv"], None if f.default is MISSING else f.default)
            for f in fields(model)
            if "conv" in f.metadata
        )
        _CONVERTERS[model] = known
    return known


@dataclass
class _Model:
    """Base: ``from_dict`` converts documented fields and keeps the raw body."""

    _raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Build from an upstream body; never fails on odd types or extra keys.

        The body is kept, not copied (a shallow copy of its top level only): it is
        freshly decoded upstream data that the model only reads. Nested values are
        shared with ``data``; ``to_dict()`` hands callers their own deep copy.
        """
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__} expects a JSON object, got {type(data).__name__}")
        kwargs: dict[str, Any] = {}
        get = data.get
        for name, convert, default in _converters(cls):
            converted = convert(get(name))
            kwargs[name] = default if converted is None else converted
        return cls(_raw=dict(data), **kwargs)

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
        known = {f.name for f in fields(self)}
        return {k: v for k, v in self._raw.items() if k not in known and k != "is_success"}

    def get(self, key: str, default: Any = None) -> Any:
        """Any upstream field by name, as received (dict-style access)."""
        return self._raw.get(key, default)


@dataclass
class _WithStatus(_Model):
    """A body with a version ``status`` code, described by the one status table."""

    status: int = _conv(_int, 0)

    @property
    def status_info(self) -> StatusInfo:
        """Name, label, kind and running/terminal/stoppable flags of ``status``."""
        return describe(self.status)


@dataclass
class JobVersion(_WithStatus):
    """One version of a training job (list-versions item or version details)."""

    version_id: int = _conv(_int, 0)
    version_name: str = _conv(_str, "")
    job_id: int | None = _conv(_int)
    job_name: str | None = _conv(_str)
    job_desc: str | None = _conv(_str)
    pre_version_id: int | None = _conv(_int)
    engine_type: int | None = _conv(_int)
    engine_name: str | None = _conv(_str)
    engine_id: int | None = _conv(_int)
    engine_version: str | None = _conv(_str)
    app_url: str | None = _conv(_str)
    boot_file_url: str | None = _conv(_str)
    create_time: int | None = _conv(_int)
    start_time: int | None = _conv(_int)
    duration: int | None = _conv(_int)
    parameter: list[dict[str, Any]] = field(default_factory=list, metadata={"conv": _list})
    spec_id: int | None = _conv(_int)
    spec_code: str | None = _conv(_str)
    core: str | None = _conv(_str)
    cpu: str | None = _conv(_str)
    gpu: bool | None = _conv(_bool)
    gpu_num: int | None = _conv(_int)
    gpu_type: str | None = _conv(_str)
    worker_server_num: int | None = _conv(_int)
    data_url: str | None = _conv(_str)
    train_url: str | None = _conv(_str)
    log_url: str | None = _conv(_str)
    dataset_version_id: str | None = _conv(_str)
    dataset_id: str | None = _conv(_str)
    dataset_name: str | None = _conv(_str)
    dataset_version_name: str | None = _conv(_str)
    data_source: list[dict[str, Any]] = field(default_factory=list, metadata={"conv": _list})
    model_id: int | None = _conv(_int)
    model_metric_list: dict[str, Any] | None = field(default=None, metadata={"conv": _json_object})
    system_metric_list: dict[str, Any] | None = field(default=None, metadata={"conv": _json_object})
    user_image_url: str | None = _conv(_str)
    user_command: str | None = _conv(_str)
    resource_id: str | None = _conv(_str)
    volumes: list[dict[str, Any]] = field(default_factory=list, metadata={"conv": _list})
    pool_id: str | None = _conv(_str)
    pool_name: str | None = _conv(_str)
    nas_mount_path: str | None = _conv(_str)
    nas_share_addr: str | None = _conv(_str)
    nas_type: str | None = _conv(_str)

    @property
    def parameters(self) -> dict[str, Any]:
        """``parameter`` as ``{label: value}``; values keep whatever type they came with."""
        return {
            str(item.get("label")): item.get("value")
            for item in self.parameter
            if isinstance(item, Mapping)
        }


@dataclass
class VersionList(_Model):
    """All versions of one job, newest first, merged from every page."""

    job_id: int = _conv(_int, 0)
    job_name: str = _conv(_str, "")
    job_desc: str = _conv(_str, "")
    version_count: int = _conv(_int, 0)
    versions: list[JobVersion] = field(default_factory=list, metadata={"conv": _each(JobVersion)})

    def to_dict(self) -> dict[str, Any]:
        """The job fields as ModelArts sent them and every version's body, the caller's copy."""
        body = copy.deepcopy({k: v for k, v in self._raw.items() if k != "versions"})
        body["versions"] = [version.to_dict() for version in self.versions]
        return body


@dataclass
class Job(_WithStatus):
    """One row of the training-job list (``status`` is the latest version's)."""

    job_id: int = _conv(_int, 0)
    job_name: str = _conv(_str, "")
    version_id: int | None = _conv(_int)
    create_time: int | None = _conv(_int)
    duration: int | None = _conv(_int)
    job_desc: str | None = _conv(_str)
    version_count: int | None = _conv(_int)


@dataclass
class JobList(_Model):
    """One page of the training-job list."""

    job_total_count: int = _conv(_int, 0)
    job_count_limit: int | None = _conv(_int)
    quotas: int | None = _conv(_int)
    jobs: list[Job] = field(default_factory=list, metadata={"conv": _each(Job)})
