"""`nudge worker` runs at NUDGE_WORKER_NICE (10 by default), below the web process's acks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobs.embedded_redis import EmbeddedRedis
from jobs.worker import lower_priority


def _niceness_of_worker(redis_url: str, data_dir: Path, **env: str) -> int:
    log = data_dir / "worker.log"
    log.write_text("")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NUDGE_", "DATABASE_URL"))}
    clean |= {"REDIS_URL": redis_url, "NUDGE_DATA_DIR": str(data_dir),
              "NUDGE_LOG_FILE": str(log), **env}
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "worker"], env=clean)
    try:
        deadline = time.monotonic() + 30
        while "subscribing to channel" not in log.read_text():
            assert time.monotonic() < deadline, "the worker never started"
            time.sleep(0.05)
        return os.getpriority(os.PRIO_PROCESS, proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        finally:
            proc.kill()


@pytest.mark.skipif(os.nice(0) > 0, reason="the test runner itself is niced")
@pytest.mark.parametrize(("env", "expected"), [
    pytest.param({}, 10, id="default"),
    pytest.param({"NUDGE_WORKER_NICE": "3"}, 3, id="setting"),
    pytest.param({"NUDGE_WORKER_NICE": "0"}, 0, id="off"),
])
def test_a_worker_runs_at_its_nice_level(private_redis: EmbeddedRedis, tmp_path: Path,
                                         env: dict[str, str], expected: int) -> None:
    assert _niceness_of_worker(private_redis.url, tmp_path, **env) == expected


def test_a_worker_never_raises_its_priority() -> None:
    code = "from jobs.worker import lower_priority; import os; os.nice(5); print(lower_priority(2))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2])

    assert out.stdout.strip() == str(max(5, os.nice(0)))
    assert lower_priority(os.nice(0)) == os.nice(0)  # asking for what it has changes nothing
