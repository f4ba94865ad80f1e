"""Issue 12 items 10 and 13 on a real server: refused ids and queries never go upstream.

Items 10 and 13 live in ``client/ids.py`` and ``client/query.py`` (and
tests/server/test_one_home.py holds every caller to them); here a real
``jupyter server`` process gets the exact bytes an attacker would send, and the
emulator's request log is the witness that nothing left the server.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest

from jupyterlab_modelarts.client.query import MAX_SEARCH_LENGTH

from .test_hostile_input import _raw

LONG_MAX = 2**63 - 1


@pytest.mark.parametrize(
    "bad",
    ["424242%0A", "424242%0a", "%0A424242", str(LONG_MAX + 1), "9" * 19, "1" * 20, "..", "+1"],
)
def test_ids_outside_the_rule_are_400_with_no_upstream_call(server_proc, emulator, bad):
    emulator.clear_stats()
    for method, path in [
        ("GET", f"/jupyterlab-modelarts/training-jobs/{bad}/versions"),
        ("GET", f"/jupyterlab-modelarts/training-jobs/182626/versions/{bad}"),
        ("POST", f"/jupyterlab-modelarts/training-jobs/{bad}/versions/278813/stop"),
    ]:
        code, text, _ = _raw(server_proc, method, path)
        assert code == 400 and '"ModelArts.0104"' in text, (path, code, text)
    assert emulator.stats()["log"] == []


def test_the_largest_long_still_goes_upstream(server_proc, emulator):
    emulator.clear_stats()
    code, _, _ = _raw(
        server_proc, "GET", f"/jupyterlab-modelarts/training-jobs/{LONG_MAX}/versions"
    )
    assert code == 404
    assert [e["path"].rsplit("/", 2)[-2] for e in emulator.stats()["log"]] == [str(LONG_MAX)]


@pytest.mark.parametrize(
    "query",
    [
        {"search": "x" * (MAX_SEARCH_LENGTH + 1)},
        {"search": "x" * 100},
        {"sort_by": "engine_type"},
        {"sort_by": "engine_type", "order": "asc"},
    ],
)
def test_queries_modelarts_would_reject_are_400_with_no_upstream_call(server_proc, emulator, query):
    emulator.clear_stats()
    path = "/jupyterlab-modelarts/training-jobs?" + urlencode(query, quote_via=quote)
    code, text, _ = _raw(server_proc, "GET", path)
    assert code == 400 and '"ModelArts.0104"' in text, (code, text)
    assert emulator.stats()["log"] == []


def test_the_longest_documented_search_still_goes_upstream(server_proc, emulator):
    emulator.clear_stats()
    path = "/jupyterlab-modelarts/training-jobs?search=" + "x" * MAX_SEARCH_LENGTH
    code, _, _ = _raw(server_proc, "GET", path)
    assert code == 200 and len(emulator.stats()["log"]) == 1
