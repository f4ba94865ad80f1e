"""The log routes of the extension: shapes, paging, validation before any upstream call."""

from __future__ import annotations

import pytest
from support import assert_error_body

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

VERSION = (str(MNIST_JOB), "versions", str(MNIST_RUNNING_VERSION))
LOG = "job-mnist-resnet.0"


async def test_log_files_and_lines(api, emulator):
    files = await api("training-jobs", *VERSION, "log-files")
    assert files.code == 200 and files.body == {"log_file_list": [LOG]}
    emulator.freeze()
    newest = await api("training-jobs", *VERSION, "log", params={"log_file": LOG, "lines": "3"})
    assert newest.code == 200
    assert set(newest.body) == {"content", "lines", "start_line", "end_line"}
    assert newest.body["lines"] == 3 == len(newest.body["content"].splitlines())
    older = await api(
        "training-jobs",
        *VERSION,
        "log",
        params={"log_file": LOG, "base_line": newest.body["start_line"], "order": "asc"},
    )
    assert older.code == 200 and int(older.body["end_line"]) < int(newest.body["start_line"])
    assert emulator.count("log_file_names") == 1 and emulator.count("aom_log") == 2


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"log_file": "../../etc/passwd"},
        {"log_file": LOG, "lines": "501"},
        {"log_file": LOG, "base_line": "x"},
        {"log_file": LOG, "order": "sideways"},
    ],
)
async def test_bad_log_queries_are_400_without_upstream_call(api, emulator, params):
    reply = await api("training-jobs", *VERSION, "log", params=params)
    assert_error_body(reply, 400, "ModelArts.0104")
    assert emulator.stats()["total"] == 0


async def test_unknown_log_file_keeps_modelarts_code(api):
    reply = await api("training-jobs", *VERSION, "log", params={"log_file": "job-x.0"})
    assert_error_body(reply, 400, "ModelArts.2818")
