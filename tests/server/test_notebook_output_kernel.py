"""Issue 17 in a real kernel: every list notebook code gets shows as the runs output.

``local_api()``'s version and v2 job lists, and one ``TrainingJob``, carry the three
representations (the runs JSON, the static HTML table, the text), and nothing secret.
"""

from __future__ import annotations

import json

import nbformat
import pytest
from nbconvert import HTMLExporter
from support.kernel import real_server, run_in_kernel

from jupyterlab_modelarts.emulator import EmulatorConfig
from jupyterlab_modelarts.sdk_display import RUNS_MIME

THREE = {RUNS_MIME, "text/html", "text/plain"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pytest.importorskip("ipykernel")
    with real_server(tmp_path_factory.mktemp("kernel")) as running:
        yield running


def _no_secret(output: dict) -> None:
    demo = EmulatorConfig()
    text = json.dumps(output)
    for secret in (demo.secret_key, demo.access_key, demo.password):
        assert secret not in text


def test_lists_and_one_version_show_as_runs(server):
    cells = [
        "from jupyterlab_modelarts import local_api\nlocal_api().list_versions('182626')",
        "local_api().list_training_jobs()",
        "from jupyterlab_modelarts.sdk import Session, Estimator\n"
        "Estimator(Session(), job_id='182626').get_job_version_object_list(is_show=False)[0]",
        "type(local_api().list_versions('182626')).__mro__[-2].__name__",
    ]
    versions, jobs, one, kind = run_in_kernel(server, *cells)
    for run in (versions, jobs, one):
        assert run.status == "ok", run.text
        (shown,) = run.outputs
        assert set(shown) == THREE
        _no_secret(shown)
    listed = versions.outputs[0][RUNS_MIME]
    assert (listed["api"], listed["job_id"], listed["complete"]) == ("v1", "182626", True)
    assert listed["rows"][0]["stoppable"] is True and listed["read_at"] > 0
    # The answer is still the dict it was: its text is the dict's.
    assert versions.outputs[0]["text/plain"].startswith("{")
    assert kind.outputs[0]["text/plain"] == "'dict'"
    v2 = jobs.outputs[0][RUNS_MIME]
    assert v2["api"] == "v2" and v2["rows"] and v2["job_id"] == ""
    single = one.outputs[0][RUNS_MIME]
    assert [row["id"] for row in single["rows"]] == ["278813"] and single["complete"] is False


def test_nbconvert_shows_the_static_table_of_v2_jobs(server):
    (run,) = run_in_kernel(
        server, "from jupyterlab_modelarts import local_api\nlocal_api().list_training_jobs()"
    )
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("local_api().list_training_jobs()")
    cell.outputs = [
        nbformat.v4.new_output("execute_result", data=run.outputs[0], execution_count=1)
    ]
    notebook.cells.append(cell)
    page, _ = HTMLExporter().from_notebook_node(notebook)
    assert "jp-ModelArts-runs-v2" in page and "Training job" in page
