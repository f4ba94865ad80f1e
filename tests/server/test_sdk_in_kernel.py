"""The SDK's documented code in a real kernel under a real server: through the server's routes.

``Session()`` with no arguments, in a kernel of a Jupyter server running the
extension, goes through that server's REST routes (the demo's emulator lives in
the server, so this is also what makes the README's examples work under
``make demo``). Every Python example in the README runs here as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbconvert import HTMLExporter
from support.kernel import real_server, run_in_kernel

from jupyterlab_modelarts.emulator import EmulatorConfig
from jupyterlab_modelarts.sdk_display import RUNS_MIME

README = Path(__file__).resolve().parents[2] / "README.md"

SEED = r"""
import json, os
from jupyterlab_modelarts.sdk import Session, Estimator

session = Session()
estimator = Estimator(session, job_id="182626", version_id="278813")
status = estimator.stop_job_version()
job_version_instance_list = Estimator(session, job_id="182626").get_job_version_object_list()
again = job_version_instance_list[0].stop_job_version()
print("RESULT" + json.dumps({
    "source": session.source,
    "repr": repr(session),
    "stop": status,
    "again": again,
    "versions": [v.version_id for v in job_version_instance_list],
    "fields": sorted(job_version_instance_list[0].version.to_dict()),
    "environ": "\n".join(f"{k}={v}" for k, v in os.environ.items()),
}))
"""


@pytest.fixture
def server(tmp_path: Path):
    pytest.importorskip("ipykernel")
    with real_server(tmp_path) as running:
        yield running


def test_the_seed_code_runs_through_the_servers_routes(server):
    (run,) = run_in_kernel(server, SEED)
    assert run.status == "ok", run.text
    out = json.loads(run.text.split("RESULT", 1)[1])
    assert out["source"] == "Jupyter server (emulator)"
    assert out["stop"] == {"is_success": True}
    assert out["again"]["is_success"] is False and out["again"]["error_code"] == "ModelArts.0105"
    assert out["versions"][0] == 278813 and len(out["versions"]) == 4
    # The SDK's dicts are ModelArts' own shape: none of the fields the panel's views add.
    assert not {"status_kind", "stoppable", "status_label"} & set(out["fields"])
    # No secret reached the kernel: not in its environment, not in the session's repr.
    demo = EmulatorConfig()
    for secret in (demo.secret_key, demo.password):
        assert secret not in out["environ"] and secret not in out["repr"]


def readme_examples() -> list[str]:
    """Every ```python block of the README, in order."""
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_every_readme_python_example_runs_under_the_demo_configuration(server):
    examples = readme_examples()
    assert len(examples) >= 3
    runs = run_in_kernel(server, *examples)
    for example, run in zip(examples, runs):
        assert run.status == "ok", f"{example}\n---\n{run.text}"


def test_the_version_list_renders_as_a_table_in_the_notebook(server):
    cell = (
        "from jupyterlab_modelarts.sdk import Session, Estimator\n"
        "Estimator(Session(), job_id='182626').get_job_version_object_list(is_show=False)"
    )
    (run,) = run_in_kernel(server, cell)
    assert run.status == "ok", run.text
    (shown,) = run.outputs
    assert set(shown) == {RUNS_MIME, "text/html", "text/plain"}
    assert "<table" in shown["text/html"] and "Running" in shown["text/html"]
    assert "TrainingJob(" in shown["text/plain"] and "(Running)" in shown["text/plain"]
    runs = shown[RUNS_MIME]
    assert runs["job_id"] == "182626" and runs["rows"][0]["stoppable"] is True
    demo = EmulatorConfig()
    for secret in (demo.secret_key, demo.access_key, demo.password):
        assert secret not in json.dumps(shown)
    # Saved and converted without the extension, the static table is what shows.
    notebook = nbformat.v4.new_notebook()
    cell_node = nbformat.v4.new_code_cell(cell)
    cell_node.outputs = [nbformat.v4.new_output("execute_result", data=shown, execution_count=1)]
    notebook.cells.append(cell_node)
    page, _ = HTMLExporter().from_notebook_node(notebook)
    assert "jp-ModelArts-versions" in page and "Running" in page
