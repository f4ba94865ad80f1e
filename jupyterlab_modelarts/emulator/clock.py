"""The emulated clock that drives version lifecycles.

Lifecycle time is separate from wall time so tests can freeze it, jump it
forward or speed it up without touching signature dates or token expiry,
which always use the wall clock (clients sign with their real time).
"""

from __future__ import annotations

import time


class Clock:
    """Epoch seconds that run at ``speed`` x wall time, can be frozen and advanced."""

    def __init__(self, speed: float = 1.0) -> None:
        self.reset(speed)

    def reset(self, speed: float = 1.0) -> None:
        """Back to wall time, running at ``speed``."""
        self._speed = float(speed)
        self._frozen = False
        self._anchor_wall = time.time()
        self._anchor_emu = self._anchor_wall

    def _reanchor(self) -> None:
        self._anchor_emu = self.now()
        self._anchor_wall = time.time()

    def now(self) -> float:
        """Emulated epoch seconds."""
        if self._frozen:
            return self._anchor_emu
        return self._anchor_emu + (time.time() - self._anchor_wall) * self._speed

    def now_ms(self) -> int:
        """Emulated epoch milliseconds (the API's time unit)."""
        return int(self.now() * 1000)

    @property
    def speed(self) -> float:
        """Emulated seconds per wall second."""
        return self._speed

    @property
    def frozen(self) -> bool:
        """True while time stands still."""
        return self._frozen

    def set_speed(self, speed: float) -> None:
        """Change the rate from now on, without a jump."""
        self._reanchor()
        self._speed = float(speed)

    def freeze(self, frozen: bool = True) -> None:
        """Stop (or restart) time at the current instant."""
        self._reanchor()
        self._frozen = bool(frozen)

    def advance(self, seconds: float) -> None:
        """Jump forward (frozen or not)."""
        self._reanchor()
        self._anchor_emu += float(seconds)

    def state(self) -> dict:
        """JSON view for the admin API."""
        return {
            "now": self.now(),
            "now_ms": self.now_ms(),
            "speed": self._speed,
            "frozen": self._frozen,
        }
