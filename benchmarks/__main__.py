"""`python -m benchmarks [--data DIR] [--smoke]`: measure every number of the brief in one run."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.run import first_in_line, run
from benchmarks.table import missing, render, render_laptops


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("/tmp/centrelog-bench"),
        help="where the generated centre is kept and reused (default: %(default)s)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="one small week instead of ten years (a quick check that the harness works)",
    )
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    first_in_line()
    results = run(args.data, smoke=args.smoke, say=lambda text: print(text, file=sys.stderr, flush=True))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(render(results))
    print()
    print(render_laptops(results))
    print()
    print(json.dumps({"machine": results["machine"], "centre": results["centre"]}, ensure_ascii=False))
    gaps = missing(results)
    if gaps:
        print(f"figures missing: {', '.join(gaps)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
