"""The recurrence engine: rules become UTC instants in their zone, with RFC 5545's DST rule."""

# Eager on purpose: a lazy __getattr__ here hands out the *module* core.recurrence.describe
# instead of the function once that submodule has been imported. The engine is cheap to
# import (croniter loads on the first cron expression).
from core.recurrence.describe import describe
from core.recurrence.instants import iter_instants, next_instant, next_instants, to_utc

__all__ = ["describe", "iter_instants", "next_instant", "next_instants", "to_utc"]
