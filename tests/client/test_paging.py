"""list_versions follows every page into one result (job 182628 has 1,200 versions)."""

from __future__ import annotations

import json

import pytest

from jupyterlab_modelarts.client import NotFoundError
from jupyterlab_modelarts.client.api_v1 import VersionPager
from jupyterlab_modelarts.client.http import Response

BIG_JOB, BIG_COUNT = 182628, 1200


@pytest.mark.parametrize(("page_size", "pages"), [(1000, 2), (100, 12), (7, 172), (1200 // 2, 2)])
def test_every_page_is_followed(emu, call, page_size, pages):
    result = call(emu.aksk(page_size=page_size), "list_versions", BIG_JOB)
    ids = [v.version_id for v in result.versions]
    assert result.version_count == BIG_COUNT and len(ids) == BIG_COUNT
    assert len(set(ids)) == BIG_COUNT
    assert ids == sorted(ids, reverse=True)  # newest first
    assert result.job_name == "imagenet-sweep"
    assert emu.admin.count("list_versions") == pages
    log = [e["path"] for e in emu.admin.stats()["log"] if e["route"] == "list_versions"]
    assert len(log) == pages
    assert result.to_dict()["versions"][0]["version_id"] == ids[0]


def test_per_page_1000_is_the_default_page_size(emu, call):
    call(emu.aksk(), "list_versions", BIG_JOB)
    assert emu.admin.count("list_versions") == 2


def test_small_and_empty_jobs_take_one_request(emu, call):
    assert len(call(emu.aksk(), "list_versions", 182626).versions) == 4
    assert call(emu.aksk(), "list_versions", 182629).versions == []
    assert emu.admin.count("list_versions") == 2


def test_unknown_job_is_not_found(emu, call):
    with pytest.raises(NotFoundError) as caught:
        call(emu.aksk(), "list_versions", 999999)
    assert caught.value.error_code == "ModelArts.0102" and caught.value.request_id


def _page(versions, count):
    body = {"is_success": True, "job_id": 1, "job_name": "j", "version_count": count}
    body["versions"] = [{"version_id": v} for v in versions]
    return Response(200, {}, json.dumps(body).encode())


def test_pager_deduplicates_a_version_that_shifted_pages():
    # Pure sans-IO check: a version created while paging pushes one item onto the next page.
    pager = VersionPager("http://x", "p", 1, per_page=3)
    assert pager.next_request().query == [("per_page", "3"), ("page", "1")]
    pager.feed(_page([9, 8, 7], 6))
    assert pager.next_request().query[1] == ("page", "2")
    pager.feed(_page([7, 6, 5], 7))
    pager.feed(_page([4, 3], 7))
    assert pager.next_request() is None
    assert [v.version_id for v in pager.result().versions] == [9, 8, 7, 6, 5, 4, 3]


def test_pager_stops_on_a_page_adding_nothing():
    pager = VersionPager("http://x", "p", 1, per_page=2)
    pager.feed(_page([2, 1], 10))
    pager.feed(_page([2, 1], 10))  # a server ignoring `page` must not loop forever
    assert pager.next_request() is None
