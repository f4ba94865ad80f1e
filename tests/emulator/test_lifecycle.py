"""Status progression on the emulated clock, and the stop rules."""

from __future__ import annotations

import time

import pytest

from jupyterlab_modelarts.emulator.demo import BERT_JOB, LIVE_JOB, MNIST_JOB

from .sdk import call, v1


def statuses(emulator, job_id: int) -> dict[int, int]:
    body = call(emulator, "GET", v1(emulator, f"/{job_id}/versions")).json()
    return {v["version_id"]: v["status"] for v in body["versions"]}


def version(emulator, job_id: int, version_id: int) -> dict:
    answer = call(emulator, "GET", v1(emulator, f"/{job_id}/versions/{version_id}"))
    assert answer.status_code == 200, answer.text
    return answer.json()


def stop(emulator, job_id: int, version_id: int):
    return call(emulator, "POST", v1(emulator, f"/{job_id}/versions/{version_id}/stop"))


def test_versions_walk_documented_statuses(emulator):
    emulator.freeze()
    seen = []
    for step in [0, 2, 2, 2, 2, 31, 31]:
        emulator.advance(step)
        seen.append(statuses(emulator, LIVE_JOB))
    assert [s[279002] for s in seen] == [1, 2, 4, 7, 8, 8, 10]
    assert [s[279001] for s in seen] == [1, 2, 4, 7, 8, 11, 11]


def test_times_and_duration_follow_the_clock(emulator):
    emulator.freeze()
    before = version(emulator, LIVE_JOB, 279002)
    assert before["start_time"] == 0 and before["duration"] == 0
    emulator.advance(8 + 10)  # preparation (4 x 2 s) then 10 s of running
    running = version(emulator, LIVE_JOB, 279002)
    assert running["status"] == 8
    assert running["start_time"] == before["create_time"] + 8000
    assert 9000 <= running["duration"] <= 11000
    emulator.advance(100)
    done = version(emulator, LIVE_JOB, 279002)
    assert done["status"] == 10 and done["duration"] == 60000


def test_frozen_clock_stands_still_and_speed_runs_it_fast(emulator):
    frozen_at = emulator.freeze()["now"]
    first = version(emulator, MNIST_JOB, 278813)["duration"]
    time.sleep(0.05)
    assert version(emulator, MNIST_JOB, 278813)["duration"] == first
    assert statuses(emulator, LIVE_JOB)[279002] == 1
    emulator.clock(freeze=False, speed=2000)
    time.sleep(0.05)
    assert emulator.clock()["now"] - frozen_at >= 0.05 * 2000
    assert statuses(emulator, LIVE_JOB)[279002] in (8, 10)  # left preparation long ago
    assert emulator.clock()["speed"] == 2000


def test_stop_running_version_goes_9_then_12(emulator):
    emulator.freeze()
    assert statuses(emulator, MNIST_JOB)[278813] == 8
    answer = stop(emulator, MNIST_JOB, 278813)
    assert answer.status_code == 200 and answer.json() == {"is_success": True}
    assert version(emulator, MNIST_JOB, 278813)["status"] == 9
    again = stop(emulator, MNIST_JOB, 278813)
    assert again.status_code == 400
    assert again.json()["error_msg"] == "This job can't be stop. job status: 9"
    emulator.advance(0.99)
    assert version(emulator, MNIST_JOB, 278813)["status"] == 9
    emulator.advance(0.02)
    stopped = version(emulator, MNIST_JOB, 278813)
    assert stopped["status"] == 12
    emulator.advance(3600)
    assert version(emulator, MNIST_JOB, 278813)["duration"] == stopped["duration"]


def test_real_time_stop_reaches_12_after_default_delay(emulator):
    assert stop(emulator, MNIST_JOB, 278813).status_code == 200
    time.sleep(1.1)
    assert version(emulator, MNIST_JOB, 278813)["status"] == 12


@pytest.mark.parametrize(("version_id", "status"), [(278812, 10), (278811, 11), (278810, 12)])
def test_stop_refused_outside_running(emulator, version_id, status):
    answer = stop(emulator, MNIST_JOB, version_id)
    assert answer.status_code == 400
    assert answer.json() == {
        "is_success": False,
        "error_code": "ModelArts.0105",
        "error_msg": f"This job can't be stop. job status: {status}",
        "error_message": f"This job can't be stop. job status: {status}",
    }


def test_stop_refused_while_queued_by_default(emulator):
    answer = stop(emulator, BERT_JOB, 280000)
    assert answer.status_code == 400 and answer.json()["error_code"] == "ModelArts.0105"


def test_stop_of_unknown_version_or_job_is_0102(emulator):
    for job_id, version_id in [(MNIST_JOB, 1), (1, 278813)]:
        answer = stop(emulator, job_id, version_id)
        assert answer.status_code == 400 and answer.json()["error_code"] == "ModelArts.0102"


def test_configurable_stop_set_kill_delay_and_http_codes(make_emulator):
    emulator = make_emulator(
        stoppable_statuses={7, 8}, kill_delay=30, not_stoppable_status=409, not_found_status=400
    )
    emulator.freeze()
    assert stop(emulator, BERT_JOB, 280000).status_code == 200  # queued, lenient set
    emulator.advance(10)
    assert version(emulator, BERT_JOB, 280000)["status"] == 9
    emulator.advance(21)
    assert version(emulator, BERT_JOB, 280000)["status"] == 12
    assert stop(emulator, MNIST_JOB, 278812).status_code == 409
    assert stop(emulator, MNIST_JOB, 1).status_code == 400


def test_job_list_reflects_latest_version(emulator):
    emulator.freeze()

    def job_status() -> int:
        jobs = call(emulator, "GET", v1(emulator), [("per_page", 100)]).json()["jobs"]
        return next(j["status"] for j in jobs if j["job_id"] == MNIST_JOB)

    assert job_status() == 8
    stop(emulator, MNIST_JOB, 278813)
    emulator.advance(2)
    assert job_status() == 12


def test_pin_status_makes_a_version_stoppable(emulator):
    emulator.pin_status(MNIST_JOB, 278812, 8)
    assert version(emulator, MNIST_JOB, 278812)["status"] == 8
    assert stop(emulator, MNIST_JOB, 278812).status_code == 200
