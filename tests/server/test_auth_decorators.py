"""Every handler verb of the extension is authenticated and authorized, and refuses strangers.

Inspects the handlers the running server actually registered (not a list kept by
hand), so a new route without ``@tornado.web.authenticated`` / ``@authorized``
fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import assert_error_body

from jupyterlab_modelarts import routes

VERBS = ("get", "head", "post", "put", "patch", "delete", "options")


def _rules(router):
    for rule in getattr(router, "rules", []):
        if hasattr(rule.target, "rules"):
            yield from _rules(rule.target)
        else:
            yield rule


def _extension_handlers(serverapp):
    found = []
    for rule in _rules(serverapp.web_app.default_router):
        target = rule.target
        if isinstance(target, type) and target.__module__.startswith("jupyterlab_modelarts"):
            found.append((rule.matcher.regex.pattern, target))
    return found


def _own_verbs(cls):
    """Verbs the extension defines (tornado's defaults answer 405 and are not ours)."""
    return [
        verb
        for verb in VERBS
        if any(verb in vars(k) for k in cls.__mro__ if k.__module__.startswith("jupyterlab_"))
    ]


def _decorators(func) -> set[str]:
    """Where each layer's code lives (functools.wraps copies names, not code objects)."""
    chain = set()
    while func is not None:
        code = func.__code__
        chain.add(
            f"{Path(code.co_filename).parent.name}/{Path(code.co_filename).stem}:{code.co_name}"
        )
        func = getattr(func, "__wrapped__", None)
    return chain


def _concrete(pattern: str) -> list[str]:
    """The path under base_url for a route pattern, with "1" for each id group."""
    path = re.sub(r"\([^)]*\)", "1", pattern.rstrip("$")).replace("\\.", ".")
    return path.split("jupyterlab-modelarts/", 1)[1].split("/")


async def test_every_registered_handler_verb_has_both_decorators(jp_serverapp):
    assert jp_serverapp.allow_unauthenticated_access is False
    found = _extension_handlers(jp_serverapp)
    assert {cls for _, cls in found} == {cls for _, cls in routes.HANDLERS}
    for _, cls in found:
        verbs = _own_verbs(cls)
        assert verbs, cls
        assert cls.auth_resource == "modelarts"
        for verb in verbs:
            chain = _decorators(getattr(cls, verb))
            assert "tornado/web:wrapper" in chain, (cls, verb, chain)
            assert "auth/decorator:inner" in chain, (cls, verb, chain)


async def test_every_route_is_403_without_credentials(jp_serverapp, api, emulator):
    found = _extension_handlers(jp_serverapp)
    assert len(found) == len(routes.HANDLERS)
    for pattern, cls in found:
        for verb in _own_verbs(cls):
            method = verb.upper()
            reply = await api(*_concrete(pattern), method=method, headers={"Authorization": ""})
            assert_error_body(reply, 403)
    assert emulator.stats()["total"] == 0


@pytest.mark.parametrize("verb", ["PUT", "DELETE", "PATCH"])
async def test_other_verbs_are_not_allowed(api, verb):
    kwargs = {"body": b""} if verb != "DELETE" else {}
    reply = await api("training-jobs", "1", "versions", "2", "stop", method=verb, **kwargs)
    assert reply.code == 405
