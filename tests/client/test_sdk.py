"""The documented legacy-SDK code runs against the emulator with only the import changed."""

from __future__ import annotations

import pytest

from jupyterlab_modelarts.sdk import Estimator, Session, TrainingJob

JOB, RUNNING = "182626", "278813"


def run_seed_code(session: Session) -> tuple[dict, list, dict]:
    """The documented snippet, verbatim apart from the import."""
    estimator = Estimator(session, job_id="182626", version_id="278813")
    status = estimator.stop_job_version()
    job_version_instance_list = Estimator(session, job_id="182626").get_job_version_object_list()
    second = job_version_instance_list[0].stop_job_version()
    return status, job_version_instance_list, second


def check_seed_results(status, versions, second, capsys):
    assert status == {"is_success": True}
    assert all(isinstance(v, TrainingJob) for v in versions)
    assert [v.version_id for v in versions] == [278813, 278812, 278811, 278810]
    assert versions[0].job_id == 182626 and versions[0].version_name == "V0004"
    # The newest version is already stopping, so the second stop is refused, as a dict.
    assert second["is_success"] is False and second["error_code"] == "ModelArts.0105"
    assert second["error_msg"]
    printed = capsys.readouterr().out
    assert "Version" in printed and "Status" in printed and "V0001" in printed
    assert "Stopping" in printed or "Running" in printed


@pytest.fixture(params=["environment", "notebook session", "metadata service", "IAM password"])
def implicit_source(request, emu, monkeypatch, closed_url):
    """Prepare the environment so that ``Session()`` finds exactly one source."""
    emu.point_env(monkeypatch)
    monkeypatch.setenv("MODELARTS_METADATA_ENDPOINT", closed_url)
    monkeypatch.setenv("MODELARTS_PROJECT_ID", emu.config.project_id)
    source = request.param
    if source == "environment":
        monkeypatch.setenv("HUAWEICLOUD_SDK_AK", emu.config.access_key)
        monkeypatch.setenv("HUAWEICLOUD_SDK_SK", emu.config.secret_key)
    elif source == "notebook session":
        request.getfixturevalue("notebook_sdk")
    elif source == "metadata service":
        monkeypatch.setenv("MODELARTS_METADATA_ENDPOINT", emu.url)
    else:
        monkeypatch.setenv("MODELARTS_USERNAME", emu.config.username)
        monkeypatch.setenv("MODELARTS_PASSWORD", emu.config.password)
        monkeypatch.setenv("MODELARTS_ACCOUNT", emu.config.domain)
    return source


def test_seed_code_with_the_implicit_session(emu, implicit_source, capsys):
    session = Session()
    assert session.source == implicit_source
    check_seed_results(*run_seed_code(session), capsys)
    assert emu.admin.count("stop_version") == 2


def test_seed_code_with_access_keys(emu, monkeypatch, capsys):
    monkeypatch.setenv("MODELARTS_ENDPOINT", emu.url)
    session = Session(
        access_key=emu.config.access_key,
        secret_key=emu.config.secret_key,
        project_id=emu.config.project_id,
        region_name=emu.config.region,
    )
    assert session.source == "config" and session.project_id == emu.config.project_id
    assert emu.config.secret_key not in repr(session)
    check_seed_results(*run_seed_code(session), capsys)


def test_seed_code_with_temporary_access_keys(emu, monkeypatch, capsys):
    keys = emu.temporary_keys()
    monkeypatch.setenv("MODELARTS_ENDPOINT", emu.url)
    session = Session(
        access_key=keys["access"],
        secret_key=keys["secret"],
        security_token=keys["securitytoken"],
        project_id=emu.config.project_id,
        region_name=emu.config.region,
    )
    check_seed_results(*run_seed_code(session), capsys)


def test_seed_code_with_account_username_password(emu, monkeypatch, capsys):
    emu.point_env(monkeypatch)
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", emu.config.access_key)  # must not win
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", emu.config.secret_key)
    session = Session(
        account=emu.config.domain,
        username=emu.config.username,
        password=emu.config.password,
        region_name=emu.config.region,
        project_id=emu.config.project_id,
    )
    assert session.source == "IAM password"
    assert emu.config.password not in repr(session)
    check_seed_results(*run_seed_code(session), capsys)


def test_seed_code_with_account_login(make_emu, monkeypatch, capsys):
    # Session(username=, password=) is the account's own login: the domain is the username.
    emu = make_emu(username="acme", domain="acme")
    emu.point_env(monkeypatch)
    session = Session(
        username="acme",
        password=emu.config.password,
        region_name=emu.config.region,
        project_id=emu.config.project_id,
    )
    check_seed_results(*run_seed_code(session), capsys)


def test_failures_come_back_as_dicts(emu, monkeypatch):
    monkeypatch.setenv("MODELARTS_ENDPOINT", emu.url)
    session = Session(
        access_key=emu.config.access_key,
        secret_key=emu.config.secret_key,
        project_id=emu.config.project_id,
        region_name=emu.config.region,
    )
    missing = Estimator(session, job_id="182626", version_id="1").stop_job_version()
    assert missing["is_success"] is False and missing["error_code"] == "ModelArts.0102"
    no_version = Estimator(session, job_id="182626").stop_job_version()
    assert no_version["is_success"] is False
    info = Estimator(session, job_id="999").get_job_version_info()
    assert info["is_success"] is False and info["error_code"] == "ModelArts.0102"


def test_job_version_info_and_quiet_list(emu, monkeypatch, capsys):
    monkeypatch.setenv("MODELARTS_ENDPOINT", emu.url)
    session = Session(
        access_key=emu.config.access_key,
        secret_key=emu.config.secret_key,
        project_id=emu.config.project_id,
        region_name=emu.config.region,
    )
    info = Estimator(session, job_id=JOB).get_job_version_info()
    assert info["is_success"] is True and info["version_count"] == 4
    assert {"job_id", "job_name", "job_desc", "version_count", "versions"} <= set(info)
    details = Estimator(session, job_id=JOB, version_id=RUNNING).get_job_version_info()
    assert details["version_id"] == 278813 and details["status"] == 8
    versions = Estimator(session, job_id="182628").get_job_version_object_list(is_show=False)
    assert len(versions) == 1200 and capsys.readouterr().out == ""
    assert versions[0].get_job_info()["version_id"] == versions[0].version_id
    jobs = Estimator.get_job_list(session, per_page=2, page=1, order="asc", sortBy="job_name")
    assert jobs["is_success"] is True and len(jobs["jobs"]) == 2
    with pytest.raises(AttributeError):
        _ = versions[0].no_such_field
