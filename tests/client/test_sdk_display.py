"""The SDK's version list in a notebook: an escaped HTML table with status labels."""

from __future__ import annotations

from jupyterlab_modelarts.client.models import JobVersion
from jupyterlab_modelarts.sdk import TrainingJob
from jupyterlab_modelarts.sdk_display import VersionObjectList, version_html


def version(version_id: int, status: int, name: str) -> JobVersion:
    return JobVersion.from_dict(
        {
            "version_id": version_id,
            "version_name": name,
            "status": status,
            "create_time": 1_700_000_000_000,
            "duration": 3_723_000,
        }
    )


def test_html_table_has_labels_kinds_and_escapes_names():
    rows = [version(2, 8, "<script>alert(1)</script>"), version(1, 22, "V0001")]
    page = version_html(rows)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Running" in page and "Mount failed" in page
    assert 'class="jp-ModelArts-kind-running"' in page and "1:02:03" in page


def test_the_object_list_renders_itself_and_reprs_show_labels():
    jobs = VersionObjectList(TrainingJob(None, 7, v) for v in [version(3, 8, "V3")])  # type: ignore[arg-type]
    assert "Running" in jobs._repr_html_()
    assert isinstance(jobs[:1], VersionObjectList)
    assert "(Running)" in repr(jobs[0])


def test_the_bundle_has_three_representations_and_the_summary_rows():
    from jupyterlab_modelarts.sdk_display import RUNS_MIME

    rows = [version(2, 8, "V2"), version(1, 10, "V1")]
    jobs = VersionObjectList(
        (TrainingJob(None, 7, v) for v in rows),  # type: ignore[arg-type]
        job_id=7,
        job_name="mnist",
    )
    bundle = jobs._repr_mimebundle_()
    assert set(bundle) == {RUNS_MIME, "text/html", "text/plain"}
    runs = bundle[RUNS_MIME]
    assert (runs["api"], runs["job_id"], runs["job_name"]) == ("v1", "7", "mnist")
    assert runs["read_at"] > 0
    first = runs["rows"][0]
    assert (first["id"], first["status_kind"], first["stoppable"]) == ("2", "running", True)
    assert runs["rows"][1]["stoppable"] is False
    one = jobs[1]._repr_mimebundle_()
    assert [r["id"] for r in one[RUNS_MIME]["rows"]] == ["1"]


def test_a_bundle_says_whether_it_holds_all_the_versions():
    from jupyterlab_modelarts.sdk_display import RUNS_MIME

    jobs = VersionObjectList(
        (TrainingJob(None, 7, v) for v in [version(2, 8, "V2"), version(1, 10, "V1")]),  # type: ignore[arg-type]
        job_id=7,
    )
    assert jobs._repr_mimebundle_()[RUNS_MIME]["complete"] is True
    assert jobs[:1]._repr_mimebundle_()[RUNS_MIME]["complete"] is False
    # One TrainingJob is one row of its own.
    one = jobs[0]._repr_mimebundle_()
    assert one[RUNS_MIME]["complete"] is False and len(one[RUNS_MIME]["rows"]) == 1
    assert "<table" in one["text/html"] and "(Running)" in one["text/plain"]


def test_the_static_table_colours_statuses_inline():
    page = version_html([version(2, 8, "V2"), version(1, 11, "V1")])
    assert 'style="color:' in page and "<style" not in page


def test_route_answers_stay_dicts_and_show_as_runs():
    from jupyterlab_modelarts.sdk_display import RUNS_MIME, RunsAnswer, TrainingJobsAnswer

    view = {
        "id": "2",
        "name": "V2",
        "version_id": 2,
        "status_kind": "running",
        "status_label": "Running",
        "stoppable": True,
        "create_time": 1_700_000_000_000,
        "duration": 61_000,
        "train_url": "/bucket/out/",
    }
    answer = RunsAnswer({"job_id": 7, "job_name": "<b>x</b>", "versions": [view]})
    assert answer == {"job_id": 7, "job_name": "<b>x</b>", "versions": [view]}
    bundle = answer._repr_mimebundle_()
    runs = bundle[RUNS_MIME]
    assert (runs["api"], runs["job_id"], runs["complete"]) == ("v1", "7", True)
    assert "train_url" not in runs["rows"][0] and runs["rows"][0]["stoppable"] is True
    assert "&lt;b&gt;" not in bundle["text/html"] and "0:01:01" in bundle["text/html"]
    uuid = "3faf5c03-aaa1-4cbe-879d-24b05d997347"
    jobs = TrainingJobsAnswer({"total": 1, "items": [{**view, "id": uuid, "api": "v2"}]})
    runs = jobs._repr_mimebundle_()[RUNS_MIME]
    assert (runs["api"], runs["job_id"], runs["complete"]) == ("v2", "", False)
    assert runs["rows"][0]["id"] == uuid and "Training job" in jobs._repr_mimebundle_()["text/html"]
