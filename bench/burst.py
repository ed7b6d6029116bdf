"""Burst: reminders due at once, delivered on the production path (bench/production.py):
`nudge worker` processes with the real limiter and the real Slack (or Telegram) sender, on
PostgreSQL and a real Redis, to a loopback fake platform answering after --latency-ms.

Scenarios, in one run: 10,000 due over one minute across 10,000 chats (goal p99 lateness
< 1 s, 1 worker); 10,000 due at one instant with 2 workers (goal >= 2,000 deliveries/s);
the same instant with 1, 2, 4 and 8 workers (goal: 4 workers >= 3x one); every reminder
arrives once. Labelled lines, not goals: the ceiling (the bench's own sender, no limiter) and
the baselines in bench/baselines.py (APScheduler with its SQLAlchemy job store, Celery
eta tasks), each scheduling the same sends to the same fake.

    python -m bench.burst                      # full counts (several minutes)
    python -m bench.burst --quick              # what CI runs
    python -m bench.burst --platform telegram --latency-ms 50 --workers-list 1,2,4,8
    python -m bench.burst --latency-ms 1000 --count 4000 --no-baselines   # work that waits
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

from bench import production
from bench.common import (
    arrived_count,
    fetch_arrivals,
    percentile,
    serve_in_process,
    stop_workers,
)
from bench.goals import Goals
from jobs.embedded_redis import EmbeddedRedis

ROOT = Path(__file__).resolve().parents[1]
LEAD = 4.0  # seconds between setting up and the first due second
Figures = dict[str, float]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts, for CI")
    parser.add_argument("--platform", choices=["slack", "telegram"], default="slack")
    parser.add_argument("--latency-ms", type=float, default=50.0,
                        help="the fake platform's answer time (default %(default)s)")
    parser.add_argument("--workers-list", default=None,
                        help="worker counts for the scaling rows (default 1,2,4,8; quick 1,2)")
    parser.add_argument("--count", type=int, default=None,
                        help="reminders per scenario (default 10,000; quick 1,000)")
    parser.add_argument("--no-baselines", action="store_true",
                        help="leave out APScheduler and Celery")
    args = parser.parse_args()
    count = args.count or (1000 if args.quick else 10_000)
    spread = 10 if args.quick else 60
    scaling = [int(n) for n in (args.workers_list or ("1,2" if args.quick else "1,2,4,8")
                                ).split(",")]
    latency = args.latency_ms / 1000
    postgres = production.postgres_url()
    run = Run(platform=args.platform, latency=latency, postgres=postgres)
    print(f"burst: {count} reminders in {count} chats, {args.platform} through `nudge worker` "
          f"({production.PLATFORMS[args.platform]}), {run.database_label}, real Redis, fake "
          f"platform in its own process answering after {args.latency_ms:.0f} ms; "
          f"{_cores()} cores", flush=True)
    minute = run.scenario(count, spread=spread, workers=1)
    _row(f"due over {spread} s, 1 worker", minute)
    rows = {}
    for workers in sorted(set(scaling) | {2}):
        rows[workers] = run.scenario(count, spread=1, workers=workers)
        _row(f"due at one instant, {workers} worker(s)", rows[workers])
    ceiling = Run(platform="ceiling", latency=latency, postgres=postgres).scenario(
        count, spread=1, workers=2)
    _row(f"{production.PLATFORMS['ceiling']}, 2 workers", ceiling)
    baselines = {} if args.no_baselines else _baselines(count // 10 if args.quick else count,
                                                        latency, postgres)
    return report(count, spread, minute, rows, ceiling, baselines)


def _cores() -> int:
    import os

    return os.cpu_count() or 1


class Run:
    def __init__(self, *, platform: str, latency: float, postgres: str | None) -> None:
        self.platform, self.latency, self.postgres = platform, latency, postgres

    @property
    def database_label(self) -> str:
        return "PostgreSQL" if self.postgres else "SQLite (no PostgreSQL answered)"

    def scenario(self, count: int, *, spread: int, workers: int) -> Figures:
        """`count` reminders over `spread` seconds; lateness of each arrival, rate."""
        with tempfile.TemporaryDirectory(prefix="nb-") as tmp_name, \
                EmbeddedRedis(Path(tmp_name) / "r") as url, \
                serve_in_process(latency=self.latency) as api_url:
            tmp = Path(tmp_name)
            db = production.fresh_database(tmp, self.postgres)
            procs = production.start_workers(workers, platform=self.platform, db=db,
                                             redis_url=url, api_url=api_url, tmp=tmp)
            base = float(int(time.time() + LEAD))
            instants = [base + i % spread for i in range(count)]
            production.insert(db, instants, chats=count, platform=self.platform)
            production.reconcile(db, url)
            arrivals = _wait_for(api_url, count, timeout=spread + 150)
            stop_workers(procs)
        late = [at - instants[production.index_of(text)] for _, text, at in arrivals]
        times = sorted(at for _, _, at in arrivals)
        # From the first due second to the last arrival: claim, send and commit all count.
        rate = len(times) / (times[-1] - base) if times else 0.0
        return {"arrived": len(arrivals), "p50": percentile(late, 0.5),
                "p99": percentile(late, 0.99), "rate": rate,
                "doubled": len(arrivals) - len({production.index_of(t) for _, t, _ in arrivals})}


def _row(label: str, f: Figures) -> None:
    print(f"  {label}: arrived {f['arrived']:.0f}, doubled {f['doubled']:.0f}, "
          f"{f['rate']:.0f} deliveries/s, lateness p50 {f['p50']:.3f} s, p99 {f['p99']:.3f} s",
          flush=True)


def _baselines(count: int, latency: float, postgres: str | None) -> dict[str, Figures]:
    from bench import baselines

    found: dict[str, Figures] = {}
    for name, label in baselines.NAMES.items():
        try:
            found[label] = baselines.run(name, count, latency=latency, postgres=postgres)
        except baselines.Unavailable as why:
            print(f"  ({label}: not run: {why})")
            continue
        _row(f"baseline {label} ({count} at one instant)", found[label])
    return found


def _reconcile(db: Path, redis_url: str) -> int:
    from bot.main import build
    from bot.settings import Settings

    async def go() -> int:
        nudge = build(Settings(database_url=f"sqlite:///{db}"), redis_url=redis_url, limits={})
        try:
            return await nudge.reconcile()
        finally:
            await nudge.aclose()

    return asyncio.run(go())


def _wait_for(api_url: str, count: int, *, timeout: float) -> list[tuple[str, str, float]]:
    """Every arrival, once `count` have arrived or `timeout` has passed.

    It polls the count, not the list: a 10,000-entry list every half second cost the fake
    platform (and the machine the workers share) CPU the figures are about."""
    deadline = time.monotonic() + timeout
    while asyncio.run(arrived_count(api_url)) < count and time.monotonic() < deadline:
        time.sleep(0.25)
    return asyncio.run(fetch_arrivals(api_url))[0]


def report(count: int, spread: int, minute: Figures, rows: dict[int, Figures],
           ceiling: Figures, baselines: dict[str, Figures]) -> int:
    goals = Goals()
    every = [minute, *rows.values()]
    print("--- goals ---")
    once = all(f["arrived"] == count and f["doubled"] == 0 for f in every)
    print(f"  every reminder arrives once (all rows): "
          f"{goals.check('every reminder arrives once', once)}")
    print(f"  due over {spread} s: p99 lateness {minute['p99']:.3f} s (goal < 1 s: "
          f"{goals.check('p99 lateness < 1 s', minute['p99'] < 1.0)})")
    two = rows[2]["rate"]
    print(f"  at one instant, 2 workers: {two:.0f} deliveries/s (goal >= 2000: "
          f"{goals.check('>= 2000 deliveries/s with 2 workers', two >= 2000)})")
    one = rows[min(rows)]["rate"]
    print("  scaling: " + ", ".join(f"{n} -> {f['rate']:.0f}/s ({f['rate'] / one:.1f}x)"
                                    for n, f in sorted(rows.items())))
    if 4 in rows and 1 in rows:
        gain = rows[4]["rate"] / rows[1]["rate"]
        print(f"  1 -> 4 workers: {gain:.1f}x (goal >= 3x: "
              f"{goals.check('4 workers >= 3x one', gain >= 3)})")
    print(f"ceiling (no deployment runs it): {ceiling['rate']:.0f} deliveries/s with 2 workers; "
          f"the production path reaches {two / ceiling['rate']:.0%} of it")
    for label, f in baselines.items():
        print(f"ratio: {two / f['rate']:.1f}x the deliveries/s of {label} "
              f"(p99 lateness {rows[2]['p99']:.2f} s vs {f['p99']:.2f} s)")
    if not baselines:
        print("ratio: no baseline ran")
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
