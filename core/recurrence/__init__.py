"""The recurrence engine: rules become UTC instants in their zone, with RFC 5545's DST rule."""

from core.recurrence.describe import describe
from core.recurrence.instants import iter_instants, next_instant, next_instants, to_utc

__all__ = ["describe", "iter_instants", "next_instant", "next_instants", "to_utc"]
