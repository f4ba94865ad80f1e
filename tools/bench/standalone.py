"""One benchmark module run alone: an emulator and a ``jupyter lab`` of its own."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from datasets import bench_data
from harness import EmulatorProcess, LabProcess


@contextmanager
def standalone(
    prefix: str, traits: Callable[[EmulatorProcess], dict[str, Any]] = lambda _emulator: {}
) -> Iterator[tuple[EmulatorProcess, LabProcess]]:
    """An emulator holding the benchmark data and one ``jupyter lab`` on it (``traits`` of
    the emulator), in a throw-away folder; both stopped on the way out. For running one
    benchmark module alone."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    (workdir / "emu").mkdir()
    (workdir / "lab").mkdir()
    emulator = EmulatorProcess(workdir / "emu")
    lab = None
    try:
        emulator.admin("PUT", "data", bench_data())
        lab = LabProcess(workdir / "lab", emulator, traits=traits(emulator))
        yield emulator, lab
    finally:
        if lab is not None:
            lab.stop()
        emulator.stop()
