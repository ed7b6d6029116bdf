"""Retry policy: 1, 2, 4 s; Retry-After wins, never past 30 s."""

from __future__ import annotations

from typing import Final

RETRY_DELAYS: Final = (1.0, 2.0, 4.0)  # seconds before retries 1, 2 and 3
MAX_WAIT: Final = 30.0


def retry_delay(attempt: int, after: float | None = None) -> float | None:
    """Seconds to wait before attempt number `attempt`, or None when it is not allowed.

    Attempt 0 is a first try resumed (a dead worker's claim): it waits only for `after`.
    A Retry-After is a floor the platform set, so the wait is the longer of it and the
    backoff step; either way it is capped at MAX_WAIT.
    """
    if attempt < 0 or attempt > len(RETRY_DELAYS):
        return None
    step = RETRY_DELAYS[attempt - 1] if attempt else 0.0
    return min(max(step, after or 0.0), MAX_WAIT)
