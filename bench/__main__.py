"""`python -m bench [--quick] [NAME ...]`: the benchmarks in turn (all by default), each
printing its figures and its baseline last. Full counts unless --quick."""

from __future__ import annotations

import argparse
import subprocess
import sys

BENCHES = ("parse", "burst", "scale", "limits", "slack_ack", "habits")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts (what CI runs)")
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(BENCHES))
    args = parser.parse_args()
    names = args.names or list(BENCHES)
    if unknown := sorted(set(names) - set(BENCHES)):
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
    failed = [name for name in names if not _run(name, quick=args.quick)]
    sys.stdout.write(f"\nbenchmarks run: {len(names)}, failed: {', '.join(failed) or 'none'}\n")
    return 1 if failed else 0


def _run(name: str, *, quick: bool) -> bool:
    sys.stdout.write(f"\n=== bench.{name} ===\n")
    sys.stdout.flush()
    command = [sys.executable, "-m", f"bench.{name}", *(["--quick"] if quick else [])]
    return subprocess.run(command, check=False).returncode == 0


if __name__ == "__main__":
    sys.exit(main())
