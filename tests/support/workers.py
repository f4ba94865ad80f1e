"""Readers for the worker-process tests: module-level, so a worker process can run them."""

from __future__ import annotations

import os
from functools import partial
from typing import Any, Callable

from jupyterlab_modelarts.client.api_v1 import read_version_page
from jupyterlab_modelarts.client.responses import JsonObject


def reading_pid(_item: JsonObject) -> int:
    """The process that read the version."""
    return os.getpid()


def environment_names(_item: JsonObject) -> tuple[str, ...]:
    """The names in the environment of the process that read the version."""
    return tuple(sorted(os.environ))


class ProbeSink:
    """A portable version sink keeping what ``make`` returned for each version."""

    portable = True

    def __init__(self, make: Callable[[JsonObject], Any]) -> None:
        self.reader = partial(read_version_page, make)
        self.items: list[Any] = []

    def add(self, items: list[Any]) -> None:
        self.items.extend(items)

    def finish(self, _head: JsonObject) -> list[Any]:
        return self.items
