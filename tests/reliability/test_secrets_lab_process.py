"""Issue 12 item 1: no secret in any log line of a real ``jupyter lab``, however it is started.

``jupyter lab`` (so the jupyterlab server extension and the venv's others run too)
at ``--log-level=DEBUG`` with the extension's own loggers at DEBUG: traitlets then
prints the whole configuration, several times, as other extensions link. Secrets
are configured both ways Jupyter offers: in the config file (``secret_key_file``)
and on the command line (``--ModelArtsExtension.password_file=...``), and the
extension logs in with them (IAM password, then signed calls). The whole log
file is scanned for every secret, the IAM token issued included.

A secret given as a *value* is refused (503, an ERROR line naming the setting and
the file/environment alternatives); that refusal line and every line the
extension writes hold no secret. (traitlets' own "Config changed" dump would print
such a value before any extension code runs: that is why values are refused.)
"""

from __future__ import annotations

from support import extension_traits, password_traits, secret_file

from jupyterlab_modelarts.emulator.demo import MNIST_JOB

from .server_process import ServerProcess

EXTENSION_DEBUG = ("--ModelArtsExtension.log_level=DEBUG",)


def _lab(tmp_path, traits, *args: str) -> ServerProcess:
    # Enabled as an install enables it (not in the user's config): then traitlets dumps the
    # configuration as the other extensions link, which is what leaked secrets.
    return ServerProcess(
        tmp_path,
        traits,
        module="jupyterlab",
        extra_args=(*EXTENSION_DEBUG, *args),
        enable_in_config=False,
    )


def test_secrets_from_a_config_file_and_the_command_line_never_reach_the_log(emulator, tmp_path):
    emu = emulator.config
    login = password_traits(emu)
    password_file = login.pop("password_file")
    traits = {
        **extension_traits(emulator),
        **login,
        "credential_sources": ["IAM password", "config"],
        "access_key": emu.access_key,
        "secret_key_file": secret_file(emu.secret_key),
    }
    server = _lab(tmp_path, traits, f"--ModelArtsExtension.password_file={password_file}")
    try:
        server.wait_ready()
        session = server.get("jupyterlab-modelarts/session").json()
        assert session["source"] == "IAM password", session
        assert server.get(f"jupyterlab-modelarts/training-jobs/{MNIST_JOB}/versions").ok
        assert server.get("jupyterlab-modelarts/training-jobs/424242/versions").status_code == 404
    finally:
        server.stop()
    log = server.log_text()
    # The log is the one a user would paste: DEBUG, other extensions, config dumps.
    assert "Config changed" in log and "jupyterlab | extension was successfully" in log, log[:3000]
    assert f"/training-jobs/{MNIST_JOB}/versions -> 200" in log
    issued = list(emulator.threaded.emulator.state.auth.tokens)
    assert issued, "the IAM login did not happen"
    for secret in (emu.secret_key, emu.password, *issued):
        leaked = [line[:160] for line in log.splitlines() if secret in line]
        assert not leaked, (secret[:4], leaked[:3])


def test_a_secret_given_as_a_value_is_refused_and_never_logged_by_the_extension(emulator, tmp_path):
    value = "PLAIN-SECRET-VALUE-4711"
    traits = extension_traits(emulator, secret_key=value)
    server = _lab(tmp_path, traits, "--ModelArtsExtension.password=PLAIN-CLI-PASSWORD-4712")
    try:
        server.wait_ready(expect_status=503)
        body = server.get("jupyterlab-modelarts/training-jobs").json()
    finally:
        server.stop()
    assert body["error_code"] == "jupyterlab-modelarts.config"
    assert "secret_key_file" in body["message"] and "password_file" in body["message"]
    lines = server.log_text().splitlines()
    refusal = [line for line in lines if line.startswith("[E ") and "secret_key_file" in line]
    assert len(refusal) == 1, lines[-40:]
    ours = [line for line in lines if "jupyterlab_modelarts" in line or "ModelArts" in line]
    ours = [line for line in ours if "Config changed" not in line]  # traitlets' dump, not ours
    for secret in (value, "PLAIN-CLI-PASSWORD-4712"):
        assert not [line for line in ours if secret in line]
    assert emulator.stats()["total"] == 0
