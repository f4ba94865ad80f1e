"""A version's logs through the client and the emulator's v1 log routes (real HTTP)."""

from __future__ import annotations

import pytest

from jupyterlab_modelarts.client import BadRequestError
from jupyterlab_modelarts.client.logs import MAX_LOG_LINES, LogQuery
from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

LOG = "job-mnist-resnet.0"


def lines_of(chunk) -> list[str]:
    return chunk.content.splitlines() if chunk.content else []


def test_log_file_names_and_the_newest_lines(emu, call):
    config = emu.aksk()
    files = call(config, "list_log_files", MNIST_JOB, MNIST_RUNNING_VERSION)
    assert files.log_file_list == [LOG]
    chunk = call(config, "read_log", MNIST_JOB, MNIST_RUNNING_VERSION, LogQuery(LOG, lines=5))
    assert chunk.lines == len(lines_of(chunk)) == 5
    assert int(chunk.start_line) < int(chunk.end_line)
    assert "loss=" in chunk.content


def test_paging_back_and_forth_without_repeating_a_line(emu, call):
    config = emu.aksk()
    emu.admin.freeze()
    newest = call(config, "read_log", MNIST_JOB, MNIST_RUNNING_VERSION, LogQuery(LOG, lines=4))
    older = call(
        config,
        "read_log",
        MNIST_JOB,
        MNIST_RUNNING_VERSION,
        LogQuery(LOG, base_line=newest.start_line, lines=4, order="asc"),
    )
    assert older.lines == 4 and int(older.end_line) < int(newest.start_line)
    again = call(
        config,
        "read_log",
        MNIST_JOB,
        MNIST_RUNNING_VERSION,
        LogQuery(LOG, base_line=older.end_line, lines=4, order="desc"),
    )
    assert lines_of(again) == lines_of(newest), "desc from the older page's end reads on exactly"


def test_a_running_versions_log_grows_with_the_clock(emu, call):
    config = emu.aksk()
    emu.admin.freeze()
    before = call(config, "read_log", MNIST_JOB, MNIST_RUNNING_VERSION, LogQuery(LOG, lines=1))
    emu.admin.advance(60)
    after = call(
        config,
        "read_log",
        MNIST_JOB,
        MNIST_RUNNING_VERSION,
        LogQuery(LOG, base_line=before.end_line, lines=MAX_LOG_LINES),
    )
    assert after.lines == 30  # one line every 2 s of run time


def test_unknown_log_file_is_modelarts_2818(emu, call):
    with pytest.raises(BadRequestError) as caught:
        call(emu.aksk(), "read_log", MNIST_JOB, MNIST_RUNNING_VERSION, LogQuery("job-other.0"))
    assert caught.value.error_code == "ModelArts.2818"


@pytest.mark.parametrize(
    "params",
    [
        {"log_file": ""},
        {"log_file": "../etc/passwd"},
        {"log_file": LOG, "lines": "501"},
        {"log_file": LOG, "lines": "-1"},
        {"log_file": LOG, "base_line": "12a"},
        {"log_file": LOG, "base_line": str(2**63)},
        {"log_file": LOG, "order": "up"},
    ],
)
def test_the_log_query_rule(params):
    with pytest.raises(BadRequestError):
        LogQuery.from_params(params)
