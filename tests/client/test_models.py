"""Models keep every upstream field and tolerate the documented type discrepancies.

Pure data tests: the bodies are the spec's own samples, so there is no HTTP here.
"""

from __future__ import annotations

import json

from jupyterlab_modelarts.client import JobList, JobVersion, VersionList

SAMPLE_VERSION = {
    "version_id": 10,
    "version_name": "V0004",
    "pre_version_id": 5,
    "engine_type": 1,
    "status": 10,
    "create_time": 1524189990635,
    "parameter": [{"label": "learning_rate", "value": 0.01}, {"label": "flag", "value": True}],
    "duration": 532003,
    "core": 2,
    "cpu": "8",
    "gpu": True,
    "model_metric_list": '{"metric": [], "total_metric": {"total_metric_values": {"recall": 0.9}}}',
    "system_metric_list": {"cpuUsage": ["0", "3.10"], "interval": 1},
    "volumes": [{"nfs": {"id": "x", "read_only": False}}],
    "brand_new_field": {"nested": [1, 2]},
}


def test_version_converts_documented_fields_and_keeps_unknown_ones():
    version = JobVersion.from_dict(SAMPLE_VERSION)
    assert version.version_id == 10 and version.status == 10
    assert version.core == "2" and version.cpu == "8"  # numbers or strings, always text
    assert version.model_metric_list["total_metric"]["total_metric_values"]["recall"] == 0.9
    assert version.system_metric_list == {"cpuUsage": ["0", "3.10"], "interval": 1}
    assert version.parameters == {"learning_rate": 0.01, "flag": True}  # values keep their type
    assert version.extra == {"brand_new_field": {"nested": [1, 2]}}
    assert version.to_dict() == SAMPLE_VERSION
    assert version.status_info.name == "JOBSTAT_COMPLETED"


def test_to_dict_is_a_copy_and_round_trips_through_json():
    version = JobVersion.from_dict(SAMPLE_VERSION)
    body = version.to_dict()
    body["brand_new_field"]["nested"].append(3)
    assert version.to_dict()["brand_new_field"] == {"nested": [1, 2]}
    assert json.loads(json.dumps(version.to_dict())) == SAMPLE_VERSION


def test_odd_types_never_fail():
    version = JobVersion.from_dict(
        {
            "version_id": "42",
            "status": "8",
            "core": 2.0,
            "gpu": "true",
            "duration": None,
            "parameter": "not a list",
            "model_metric_list": "{broken",
            "system_metric_list": "",
        }
    )
    assert version.version_id == 42 and version.status == 8
    assert version.core == "2" and version.gpu is True
    assert version.duration is None and version.parameter == []
    assert version.model_metric_list is None and version.system_metric_list is None
    assert version.to_dict()["model_metric_list"] == "{broken"  # raw kept as sent


def test_version_list_and_job_list():
    versions = VersionList.from_dict(
        {
            "is_success": True,
            "job_id": 10,
            "job_name": "n",
            "job_desc": "d",
            "version_count": 2,
            "versions": [SAMPLE_VERSION],
            "surprise": 1,
        }
    )
    assert versions.job_id == 10 and versions.version_count == 2
    assert versions.versions[0].version_name == "V0004"
    assert versions.extra == {"surprise": 1}
    jobs = JobList.from_dict(
        {"is_success": True, "job_total_count": 1, "jobs": [{"job_id": "7", "status": 8, "x": 1}]}
    )
    assert jobs.job_total_count == 1 and jobs.jobs[0].job_id == 7
    assert jobs.jobs[0].to_dict() == {"job_id": "7", "status": 8, "x": 1}
    assert jobs.jobs[0].status_info.running
