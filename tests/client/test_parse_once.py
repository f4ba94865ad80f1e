"""Issue 13 item 1: each version is modelled once, nothing read-only is deep-copied, and the
newest-first order is made by sorting the models, not by rebuilding them."""

from __future__ import annotations

import json

from jupyterlab_modelarts.client.api_v1 import VersionCollector, VersionPager
from jupyterlab_modelarts.client.http import Response
from jupyterlab_modelarts.client.models import JobVersion


def _page(ids: list[int], count: int) -> Response:
    versions = [
        {"version_id": i, "status": 10, "parameter": [{"label": "lr", "value": i}]} for i in ids
    ]
    body = {"is_success": True, "job_id": 1, "version_count": count, "versions": versions}
    return Response(200, {}, json.dumps(body).encode())


class Recording(VersionCollector):
    """The default sink, remembering every model it was handed."""

    def __init__(self) -> None:
        super().__init__()
        self.handed: list[JobVersion] = []

    def add(self, versions: list[JobVersion]) -> None:
        self.handed.extend(versions)
        super().add(versions)


def test_a_model_keeps_the_decoded_body_without_copying_it():
    body = {"version_id": 7, "status": 10, "parameter": [{"label": "lr", "value": 0.1}]}
    version = JobVersion.from_dict(body)
    assert version.raw["parameter"] is body["parameter"]  # shared, not deep-copied
    assert version.parameter is body["parameter"]
    assert version.to_dict()["parameter"] is not body["parameter"]  # the caller's own copy
    assert version.to_dict() == body


def test_fields_are_converted_on_first_read_only():
    version = JobVersion.from_dict({"version_id": "42", "model_metric_list": '{"a": 1}'})
    assert "version_id" not in vars(version)  # nothing converted while building
    assert version.version_id == 42
    assert vars(version)["version_id"] == 42  # kept after the first read
    assert version.model_metric_list == {"a": 1}


def test_the_pager_models_each_version_once_and_sorts_the_models():
    sink = Recording()
    pager = VersionPager("http://x", "p", 1, per_page=3, sink=sink)
    pager.feed(_page([1, 2, 3], 5))
    pager.feed(_page([4, 5], 5))
    result = pager.result()
    assert [v.version_id for v in result.versions] == [5, 4, 3, 2, 1]
    assert len(sink.handed) == 5
    # The result holds the very models the pages were turned into: none was rebuilt.
    assert {id(v) for v in result.versions} == {id(v) for v in sink.handed}
