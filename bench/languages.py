"""Commands in Spanish, German, French, Portuguese and Russian against dateparser's own
`search_dates` with the language named, in one run: the one-shot times each gets right on
the language's corpus, commands a second and p99, with issue 12's goals (at least 10x,
p99 under 5 ms). The same as `python -m bench.parse --languages`."""

from __future__ import annotations

import argparse
import sys

from bench.goals import Goals
from bench.parse import languages


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true", help="fewer rounds (CI)")
    args = options.parse_args()
    goals = Goals()
    languages(3 if args.quick else 20, goals)
    return goals.report()


if __name__ == "__main__":
    sys.exit(main())
