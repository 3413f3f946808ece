"""Every benchmark still runs. Each one run by hand measures at full size; here each runs
in its quick mode (small sizes, a few seconds) so a change that breaks one, or a start-up
that now stops on a dialog, is found at once rather than the next time someone measures.
New benchmarks/bench_*.py files are picked up, and must accept --quick. Only that they run
and print their figures is checked: how fast is for the person reading them."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).parent.parent / "benchmarks").glob("bench_*.py"))
# A figure: a number with its unit ("12.8 ms", "1.13 s", "224 MB"), in a sentence or a
# table whose header names the unit.
FIGURE = re.compile(r"\d+(\.\d+)?\s*(ms|s|KB|MB|GB)\b|\b(ms|s|KB|MB|GB)\b.*\n.*\d")


def test_the_benchmarks_are_found():
    assert {"bench_student_list", "bench_observations", "bench_documents"} <= {
        script.stem for script in BENCHMARKS}


@pytest.mark.parametrize("script", BENCHMARKS, ids=lambda script: script.stem)
def test_benchmark_runs_in_quick_mode_and_prints_its_figures(script, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "IEP_STUDIO_DATA_DIR": str(tmp_path / "data"),
           "TMPDIR": str(tmp_path), "HOME": str(tmp_path)}  # their own folders go here too
    try:
        done = subprocess.run([sys.executable, str(script), "--quick"], cwd=tmp_path, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              timeout=120)
    except subprocess.TimeoutExpired as timeout:
        printed = timeout.stdout or b""
        printed = printed.decode(errors="replace") if isinstance(printed, bytes) else printed
        pytest.fail(f"{script.name} --quick ran past {timeout.timeout:.0f} s (waiting for a "
                    f"dialog?); it had printed:\n{printed}")
    assert done.returncode == 0, f"{script.name} --quick failed:\n{done.stderr[-3000:]}"
    assert FIGURE.search(done.stdout), f"{script.name} printed no figures:\n{done.stdout}"
