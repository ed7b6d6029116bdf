"""What the chat adapters need of the stores and queues the composition root gives them.

Narrow on purpose: an adapter sees one deduper, one hand-off, never Redis or the root.
core.ports holds what the use cases need; these only the adapters use.
"""

from __future__ import annotations

from typing import Any, Protocol

Payload = dict[str, Any]


class Deduper(Protocol):
    async def first_time(self, key: str) -> bool:
        """True the first time `key` is seen; False for every repeat. Raises if unreachable."""
        ...


class ChatHandOff(Protocol):
    """Where a chat event's work goes after the ack: a worker's queue, else this process."""

    async def queue(self, payload: Payload, job_id: str) -> None:
        """Queue the work for a worker; raises when the queue cannot take it quickly."""
        ...

    def run_here(self, payload: Payload) -> None:
        """Start the work in this process, after the ack; never raises."""
        ...
