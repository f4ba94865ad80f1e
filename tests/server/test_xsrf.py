"""Browser sessions (cookie auth) need the XSRF token for the stop; token calls do not."""

from __future__ import annotations

from http.cookies import SimpleCookie

from support import assert_error_body

from jupyterlab_modelarts.emulator.demo import MNIST_JOB, MNIST_RUNNING_VERSION

STOP = ("training-jobs", str(MNIST_JOB), "versions", str(MNIST_RUNNING_VERSION), "stop")


async def _login_cookie(api) -> str:
    """The login cookie Jupyter sets after a token-authenticated request."""
    reply = await api("session")
    assert reply.code == 200
    jar = SimpleCookie()
    for header in reply.headers.get_list("Set-Cookie"):
        jar.load(header)
    login = [m for name, m in jar.items() if name.startswith("username-")]
    assert login, "Jupyter set no login cookie"
    return f"{login[0].key}={login[0].value}"


async def test_cookie_session_post_without_xsrf_is_rejected(api, emulator):
    cookie = await _login_cookie(api)
    reply = await api(*STOP, method="POST", headers={"Authorization": "", "Cookie": cookie})
    assert_error_body(reply, 403)
    assert "xsrf" in reply.body["error_msg"].lower()
    assert emulator.count("get_version") == 0 and emulator.count("stop_version") == 0


async def test_cookie_session_post_with_xsrf_is_accepted(api, emulator):
    cookie = await _login_cookie(api)
    xsrf = "2a2b2c2d2e2f"
    reply = await api(
        *STOP,
        method="POST",
        headers={"Authorization": "", "Cookie": f"{cookie}; _xsrf={xsrf}", "X-XSRFToken": xsrf},
    )
    assert (reply.code, reply.body) == (200, {"is_success": True})
    assert emulator.count("stop_version") == 1


async def test_cookie_session_reads_work(api):
    cookie = await _login_cookie(api)
    reply = await api("session", headers={"Authorization": "", "Cookie": cookie})
    assert reply.code == 200 and reply.body["source"] == "config"


async def test_token_post_needs_no_xsrf(api, emulator):
    reply = await api(*STOP, method="POST")  # jp_fetch sends "Authorization: token ..."
    assert reply.code == 200
    assert emulator.count("stop_version") == 1


async def test_wrong_token_is_403(api, emulator):
    reply = await api("session", headers={"Authorization": "token not-the-token"})
    assert_error_body(reply, 403)
    assert emulator.stats()["total"] == 0
