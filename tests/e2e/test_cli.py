"""The `nudge` command as a person runs it: run (embedded default), chat, parse, bad settings."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

NUDGE = [sys.executable, "-m", "bot.cli"]


def nudge(*args: str, data_dir: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    ours = ("NUDGE_", "SLACK_", "TELEGRAM_", "REDIS_URL", "DATABASE_URL")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    return subprocess.run([*NUDGE, *args], input=stdin, capture_output=True, text=True, timeout=120,
                          env={**clean, "NUDGE_DATA_DIR": str(data_dir), **env}, check=False)


def processes_mentioning(path: Path) -> list[str]:
    """Command lines of live processes that name `path` (a leaked redis-server would)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(path) in text:
            found.append(text)
    return found


@pytest.mark.slow
def test_nudge_run_with_nothing_configured_chats_in_the_terminal(tmp_path: Path) -> None:
    data_dir = tmp_path / "home"

    result = nudge("run", data_dir=data_dir,
                   stdin="help\nremind me to stretch in 1 hour\nlist\nquit\n")

    assert result.returncode == 0, result.stderr
    assert "Nudge is listening" in result.stdout
    assert "nudge> Reminder 1: stretch; next" in result.stdout
    assert "Your reminders:\nReminder 1: stretch" in result.stdout
    assert (data_dir / "nudge.db").exists()
    assert (data_dir / "redis" / "appendonly.aof").exists() or any((data_dir / "redis").iterdir())
    assert processes_mentioning(data_dir) == []


def test_nudge_chat_answers_one_message_and_keeps_it(tmp_path: Path) -> None:
    berlin = {"NUDGE_TIMEZONE": "Europe/Berlin"}
    first = nudge("chat", "remind me to run daily at 7", data_dir=tmp_path, **berlin)
    second = nudge("chat", "list", data_dir=tmp_path, **berlin)

    assert first.returncode == 0, first.stderr
    assert "Reminder 1: run, every day at 07:00; next" in first.stdout
    assert "CET" in first.stdout or "CEST" in first.stdout
    assert "Reminder 1: run" in second.stdout
    assert processes_mentioning(tmp_path) == []


def test_nudge_chat_refuses_nonsense_with_exit_status_1(tmp_path: Path) -> None:
    result = nudge("chat", "what's the weather like in Paris", data_dir=tmp_path)

    assert result.returncode == 1
    assert result.stdout.strip()


def test_a_wrong_setting_fails_at_start_with_one_clear_line(tmp_path: Path) -> None:
    result = nudge("chat", "list", data_dir=tmp_path, NUDGE_TIMEZONE="Mars/Olympus")

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "nudge: bad setting: NUDGE_TIMEZONE: 'Mars/Olympus' is not a known time zone "
        "(try Europe/Berlin or UTC)"
    ]
    assert not (tmp_path / "nudge.db").exists()


def test_nudge_parse_answers_the_contract_line_by_line(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "text": "remind me to run daily at 7", "now": "2026-03-04T10:15:00",
         "tz": "America/New_York"},
        {"id": "b", "text": "what's the weather like in Paris", "now": "2026-03-04T10:15:00",
         "tz": "UTC"},
    ]

    result = nudge("parse", "--jsonl", data_dir=tmp_path,
                   stdin="".join(json.dumps(line) + "\n" for line in lines))

    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == "a"
    assert first["ok"] is True
    assert first["schedule"]["first"][0] == "2026-03-05T07:00:00-05:00"
    assert second == {"id": "b", "ok": False, "error": second["error"], "hint": second["hint"],
                      "lang": "en"}
    assert second["error"]


def test_the_pipe_answers_every_line_before_its_process_ends(tmp_path: Path) -> None:
    """The pipe's process ends without the interpreter's teardown: every answer must be out
    first, a pipe buffer's worth many times over, the last line with no newline too."""
    texts = ["remind me to run daily at 7", "hello there", "timezone europe/berlin"]
    lines = [json.dumps({"id": n, "text": texts[n % 3], "now": "2026-03-04T10:15:00",
                         "tz": "America/New_York"}) for n in range(3000)]

    result = nudge("parse", "--jsonl", data_dir=tmp_path, stdin="\n".join(lines))

    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [answer["id"] for answer in answers] == list(range(3000))
    assert [answer["ok"] for answer in answers[:3]] == [True, False, True]
    assert answers[-1]["tz"] == "Europe/Berlin"
    assert result.stderr == ""


def test_nudge_parse_single_text_exits_2_when_refused(tmp_path: Path) -> None:
    result = nudge("parse", "--tz", "UTC", "remind me yesterday at 5", data_dir=tmp_path)

    assert result.returncode == 2
    assert json.loads(result.stdout)["ok"] is False


def test_nudge_failed_lists_the_dead_letters_and_retry_requeues_them(tmp_path: Path,
                                                                      redis_url: str) -> None:
    from redis import Redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    from jobs.worker import build_worker

    with Redis.from_url(redis_url) as redis:
        queue = Queue("nudge", connection=redis, serializer=JSONSerializer)
        queue.enqueue("jobs.tasks.deliver", 1, "not an instant", job_id="deliver-1-broken")
        build_worker(redis).work(burst=True, with_scheduler=False)

        listed = nudge("failed", data_dir=tmp_path, REDIS_URL=redis_url)
        retried = nudge("failed", "retry", data_dir=tmp_path, REDIS_URL=redis_url)

        assert listed.returncode == 0, listed.stderr
        assert "deliver-1-broken" in listed.stdout
        assert "1 failed jobs" in listed.stdout
        assert retried.stdout.strip() == "re-queued 1 failed jobs"
        assert queue.job_ids == ["deliver-1-broken"]


def children_of(pid: int) -> set[int]:
    """Pids whose parent is `pid` (from /proc), and theirs in turn."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()
            and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[:1]}


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_nudge_run_stops_cleanly_with_everything_it_started(tmp_path: Path, stop: int) -> None:
    ours = ("NUDGE_", "SLACK_", "TELEGRAM_", "REDIS_URL", "DATABASE_URL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    proc = subprocess.Popen([*NUDGE, "run"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env={**env, "NUDGE_DATA_DIR": str(tmp_path)})
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("Nudge is listening")
    log = tmp_path / "nudge.log"
    deadline = time.monotonic() + 30  # until the worker listens: every child has started
    while "Listening on" not in (log.read_text() if log.exists() else ""):
        assert time.monotonic() < deadline, "the worker never started"
        time.sleep(0.05)
    started = children_of(proc.pid)

    proc.send_signal(stop)
    out, _ = proc.communicate(timeout=30)

    assert len(started) >= 3  # redis-server, the worker, the scheduler
    assert proc.returncode == 0
    assert "Stopped." in out
    assert alive(started) == set()
