"""The emulator answers by the client's documented rules: ids (``client/ids.py``) and the
job-list query (``client/query.py``), so no layer accepts what another refuses."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from jupyterlab_modelarts.client.query import MAX_SEARCH_LENGTH, SORT_KEYS
from jupyterlab_modelarts.emulator.demo import MNIST_JOB

from .sdk import call, v1

#: 182626 in Arabic-Indic digits: ``str.isdigit()`` and ``int()`` accept it, the id rule does not.
ARABIC_INDIC_JOB = "".join(chr(0x0660 + int(d)) for d in str(MNIST_JOB))


def _assert_0104(answer) -> None:
    assert answer.status_code == 400, answer.text
    assert answer.json()["error_code"] == "ModelArts.0104"


@pytest.mark.parametrize(
    "query",
    [
        [("sortBy", "engine_type")],
        [("sort_by", "engine_type")],
        [("search_content", "x" * (MAX_SEARCH_LENGTH + 1))],
        [("order", "sideways")],
        [("page", "0")],
    ],
)
def test_job_list_refuses_what_the_documented_rule_refuses(emulator, query):
    _assert_0104(call(emulator, "GET", v1(emulator), query))


@pytest.mark.parametrize("key", SORT_KEYS)
def test_every_documented_sort_key_is_accepted(emulator, key):
    answer = call(emulator, "GET", v1(emulator), [("sortBy", key), ("per_page", 50)])
    assert answer.status_code == 200 and answer.json()["job_total_count"] == 5


def test_the_longest_documented_search_is_accepted(emulator):
    answer = call(emulator, "GET", v1(emulator), [("search_content", "x" * MAX_SEARCH_LENGTH)])
    assert answer.status_code == 200 and answer.json()["jobs"] == []


@pytest.mark.parametrize("job", [ARABIC_INDIC_JOB, str(2**63 + MNIST_JOB), "1" * 20])
def test_ids_outside_the_id_rule_name_no_job(emulator, job):
    answer = call(emulator, "GET", v1(emulator, f"/{quote(job)}/versions"))
    assert answer.status_code == 400, answer.text  # issue 11: 0102 is documented as 400
    assert answer.json()["error_code"] == "ModelArts.0102"
