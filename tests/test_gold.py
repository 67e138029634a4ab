"""The extractor against hand-made gold, scored by the shared scorer exactly as users run it.

The development set (``../shared/corpus/gold``) must stay at issue 3's thresholds; the
project's held-out set (``tests/data/heldout``, annotated from the text alone and never used to
write rules) must not fall below what it measured when it was made, so a change that helps the
development set by overfitting it shows up here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
CORPORA = sorted((SHARED / "corpus").glob("news-*.jsonl"))


def score(gold: Path) -> dict[str, dict[str, float]]:
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not beside the repository ({SCORER})")
    cmd = [sys.executable, str(SCORER), "--gold", str(gold), "--json",
           "--run", f"{sys.executable} -m kg extract --format jsonl"]
    for corpus in CORPORA:
        cmd += ["--corpus", str(corpus)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout))


def test_development_set_meets_the_issue_thresholds() -> None:
    m = score(SHARED / "corpus" / "gold")
    assert m["persons"]["f1"] >= 0.90
    assert m["countrys"]["f1"] >= 0.85
    assert m["met_pairs"]["f1"] >= 0.75
    assert m["statements"]["f1"] >= 0.70
    assert m["meeting_date"]["acc"] >= 0.85


def test_held_out_set_does_not_fall_back() -> None:
    m = score(ROOT / "tests" / "data" / "heldout")
    # measured when the held-out set was made (8 articles): persons 1.0, countries 1.0,
    # organisations 0.96, met pairs 0.48, statements 0.91
    assert m["persons"]["f1"] >= 0.90
    assert m["countrys"]["f1"] >= 0.90
    assert m["organizations"]["f1"] >= 0.85
    assert m["met_pairs"]["f1"] >= 0.45
    assert m["statements"]["f1"] >= 0.85
