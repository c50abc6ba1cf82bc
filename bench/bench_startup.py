"""Start-up time of ``python main.py --demo`` to a visible main window (demo database re-created each run).

    python bench/bench_startup.py [--runs 3]       prints one JSON object

Runs the real program offscreen and reads the line it prints once the window is shown, then stops it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VISIBLE = re.compile(r"window visible after ([0-9.]+) s")


def one_run(timeout: float) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               QT_LOGGING_RULES="qt.qpa.*=false;qt.multimedia.*=false")
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--demo"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        deadline = started + timeout
        for line in process.stderr:
            match = VISIBLE.search(line)
            if match:
                return {"wall_s": round(time.perf_counter() - started, 2), "in_process_s": float(match[1])}
            if time.perf_counter() > deadline:
                break
        raise RuntimeError("the window did not appear")
    finally:
        process.terminate()
        process.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = [one_run(60.0) for _ in range(args.runs)]
    walls = sorted(run["wall_s"] for run in runs)
    print(json.dumps({"runs": runs, "median_wall_s": walls[len(walls) // 2], "max_wall_s": walls[-1],
                      "target": "a few seconds", "cpus": os.cpu_count()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
