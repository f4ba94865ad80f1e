"""The whole debug log of a real ``jupyter server`` process never holds the configured secrets.

Secrets are in the server's config file (the least careful deployment); the
log is read from its first line, so start-up configuration handling counts.
"""

from __future__ import annotations

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

JOB, RUNNING = str(MNIST_JOB), str(MNIST_RUNNING_VERSION)


def test_process_log_and_answers_hold_no_secret(server_proc, emulator):
    answers = [
        server_proc.get("jupyterlab-modelarts/session"),
        server_proc.get(f"jupyterlab-modelarts/training-jobs/{JOB}/versions"),
        server_proc.get("jupyterlab-modelarts/training-jobs/424242/versions"),
        server_proc.post(f"jupyterlab-modelarts/training-jobs/{JOB}/versions/278812/stop"),
    ]
    emulator.set_fault("list_jobs", "error", status=401, error_code="APIGW.0301")
    answers.append(server_proc.get("jupyterlab-modelarts/training-jobs"))
    emulator.clear_faults()
    answers.append(
        server_proc.post(f"jupyterlab-modelarts/training-jobs/{JOB}/versions/{RUNNING}/stop")
    )
    assert [a.status_code for a in answers] == [200, 200, 404, 409, 502, 200]
    log = server_proc.log_text()
    assert "[D " in log and f"/training-jobs/{JOB}/versions -> 200" in log, log[-2000:]
    texts = "\n".join(a.text + repr(dict(a.headers)) for a in answers)
    for secret in (emulator.config.secret_key, emulator.config.access_key):
        assert secret not in texts
        assert secret not in log, [line[:200] for line in log.splitlines() if secret in line]
