"""`python -m bench [--quick] [NAME ...]`: the benchmarks in turn (all by default), each
printing its figures and its baseline, then its goals. Full counts unless --quick.

Exits 1 when any benchmark missed a goal or did not finish, and names each: what failed is
read from the benchmark's last line ("goals: MISSED ...", see bench/goals.py).
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from bench.goals import Goals

BENCHES = ("parse", "languages", "burst", "scale", "limits", "slack_ack", "habits", "faults")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts (what CI runs)")
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(BENCHES))
    args = parser.parse_args()
    names = args.names or list(BENCHES)
    if unknown := sorted(set(names) - set(BENCHES)):
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
    failures = {name: why for name in names if (why := _run(name, quick=args.quick))}
    sys.stdout.write(f"\nbenchmarks run: {len(names)}, failed: "
                     f"{', '.join(failures) or 'none'}\n")
    for name, why in failures.items():
        sys.stdout.write(f"  {name}: {why}\n")
    return 1 if failures else 0


def _run(name: str, *, quick: bool) -> str | None:
    """Run one benchmark, echoing its output; None if it met every goal, else why not."""
    sys.stdout.write(f"\n=== bench.{name} ===\n")
    sys.stdout.flush()
    command = [sys.executable, "-m", f"bench.{name}", *(["--quick"] if quick else [])]
    verdict = None
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            if line.startswith(Goals.PREFIX):
                verdict = line.removeprefix(Goals.PREFIX).strip()
    return _why(proc.returncode, verdict)


def _why(returncode: int, verdict: str | None) -> str | None:
    if verdict is None:
        return f"did not finish (exit status {returncode}, no goals line)"
    if returncode != 0 or verdict != "all met":
        return verdict.removeprefix("MISSED ")
    return None


if __name__ == "__main__":
    sys.exit(main())
