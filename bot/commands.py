"""The `nudge` subcommands that need settings: run, chat, worker, scheduler, db."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:
    from bot.instance import InstanceLock
    from bot.main import Nudge

logger = logging.getLogger(__name__)


def run(args: argparse.Namespace, settings: Settings) -> int:
    handlers = {"run": run_nudge, "chat": chat_once, "worker": run_worker,
                "scheduler": run_scheduler, "db": run_db, "failed": run_failed}
    return handlers[args.command](args, settings)


def run_nudge(args: argparse.Namespace, settings: Settings) -> int:
    """Everything in one process tree: Redis (unless REDIS_URL), worker, scheduler, chat."""
    log_file = configure_logging(settings, quiet_console=not settings.has_chat_platform)
    # `kill` and a closed terminal stop the children too, as Ctrl-C does.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _interrupt)
    from bot.instance import InstanceLock
    from core.errors import ConfigError
    from integrations.sql.migrate import upgrade

    instance = InstanceLock(settings.data_dir)
    try:
        instance.acquire()
    except ConfigError as exc:
        sys.stderr.write(f"nudge: {exc}\n")
        return 1
    try:
        upgrade(settings.sqlalchemy_url)
        with redis_for(settings, owner=True) as redis_url, \
                children(settings, redis_url, log_file, instance):
            _serve(settings, redis_url)
    finally:
        instance.release()
    return 0


def _serve(settings: Settings, redis_url: str) -> None:
    from bot.console.away import AwayBox
    from bot.console.choices import DeliveredChoices
    from bot.console.repl import chat_loop, console_actor

    async def main() -> None:
        nudge = _build(settings, redis_url)
        try:
            await nudge.reconcile()
            if settings.has_chat_platform:
                from bot.serve import serve_platforms

                await serve_platforms(nudge)
            else:
                await chat_loop(nudge.dispatcher.handle, console_actor(settings.console_zone),
                                press=nudge.dispatcher.press,
                                away=AwayBox.in_data_dir(settings.data_dir),
                                delivered=DeliveredChoices.in_data_dir(settings.data_dir),
                                images=settings.data_dir / "images")
        finally:
            await nudge.aclose()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        with suppress(OSError):  # the terminal may be gone (SIGHUP)
            sys.stdout.write("\nStopped.\n")


def chat_once(args: argparse.Namespace, settings: Settings) -> int:
    """`nudge chat TEXT`: one message as the console user; queued work waits in Redis."""
    configure_logging(settings, quiet_console=True)
    from bot.console.repl import console_actor, render_once
    from integrations.sql.migrate import upgrade

    upgrade(settings.sqlalchemy_url)
    with redis_for(settings) as redis_url:

        async def main() -> bool:
            nudge = _build(settings, redis_url)
            try:
                actor = console_actor(settings.console_zone)
                reply = await nudge.dispatcher.handle(" ".join(args.text), actor)
            finally:
                await nudge.aclose()
            sys.stdout.write(render_once(reply, settings.data_dir / "images") + "\n")
            return not reply.is_error

        return 0 if asyncio.run(main()) else 1


def run_worker(args: argparse.Namespace, settings: Settings) -> int:
    configure_logging(settings)
    from jobs.worker import lower_priority
    from jobs.worker import run_worker as start

    redis_url = _require_redis(settings)
    logger.info("worker at nice %d", lower_priority(settings.worker_nice))
    start(redis_url=redis_url, services_factory=lambda: _build(settings, redis_url),
          burst=args.burst)
    return 0


def run_scheduler(args: argparse.Namespace, settings: Settings) -> int:
    configure_logging(settings)
    from jobs.scheduler import run_scheduler as start

    start(redis_url=_require_redis(settings))
    return 0


def run_failed(args: argparse.Namespace, settings: Settings) -> int:
    """`nudge failed`: list the failed registry; `nudge failed retry`: re-run every job in it.

    Without REDIS_URL it reads the embedded Redis's saved data (as `nudge run` left it).
    """
    from redis import Redis

    from jobs.queue import RqJobQueue

    with redis_for(settings) as redis_url, Redis.from_url(redis_url) as redis:
        queue = RqJobQueue(redis)
        if args.action == "retry":
            moved = asyncio.run(queue.retry_failed())
            sys.stdout.write(f"re-queued {moved} failed jobs\n")
            return 0
        jobs = asyncio.run(queue.failed_jobs())
    for job in jobs:
        sys.stdout.write(f"{job.job_id}  {job.failed_at or '?'}  {job.func_name}{job.args}  "
                         f"{job.error}\n")
    sys.stdout.write(f"{len(jobs)} failed jobs\n")
    return 0


def run_db(args: argparse.Namespace, settings: Settings) -> int:
    from integrations.sql import migrate

    url = settings.sqlalchemy_url
    if args.action == "upgrade":
        migrate.upgrade(url, args.revision or "head")
    elif args.action == "downgrade":
        migrate.downgrade(url, args.revision or "-1")
    sys.stdout.write(f"database at revision {migrate.current(url) or 'base'}\n")
    return 0


@contextmanager
def redis_for(settings: Settings, *, owner: bool = False) -> Iterator[str]:
    """REDIS_URL, else the data dir's embedded redis-server: the running one, or our own.

    owner: `nudge run` waits to own the server rather than join a `nudge chat`'s, whose
    server stops when that command ends. Others join what runs, and stop only their own.
    """
    if settings.redis_url:
        yield settings.redis_url
        return
    from jobs.embedded_redis import EmbeddedRedis

    with EmbeddedRedis(settings.data_dir / "redis", may_join=not owner) as url:
        yield url


@contextmanager
def children(settings: Settings, redis_url: str, log_file: Path | None,
             instance: InstanceLock) -> Iterator[None]:
    """A worker and a scheduler process on the same Redis, restarted if they die, ended with us."""
    from bot.supervisor import Supervisor

    env = {**os.environ, "REDIS_URL": redis_url, "NUDGE_DATA_DIR": str(settings.data_dir),
           **instance.child_env()}
    if log_file:
        env["NUDGE_LOG_FILE"] = str(log_file)
    command = [sys.executable, "-m", "bot.cli"]
    supervisor = Supervisor({role: [*command, role] for role in ("worker", "scheduler")}, env,
                            on_change=instance.record_children)
    supervisor.start()
    try:
        yield
    finally:
        supervisor.stop()


def configure_logging(settings: Settings, *, quiet_console: bool = False) -> Path | None:
    """Logs go to NUDGE_LOG_FILE if set; a console chat keeps the terminal for the chat."""
    log_file = settings.log_file
    if quiet_console and log_file is None:
        log_file = settings.data_dir / "nudge.log"
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=settings.log_level.upper(),
        filename=str(log_file) if log_file else None,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # request URLs carry the bot token
    return log_file


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _require_redis(settings: Settings) -> str:
    if not settings.redis_url:
        sys.stderr.write("nudge: REDIS_URL is not set (nudge run starts an embedded Redis)\n")
        raise SystemExit(2)
    return settings.redis_url


def _build(settings: Settings, redis_url: str) -> Nudge:
    from bot.main import build

    return build(settings, redis_url=redis_url)
