"""Articles per second of the extractor against spaCy's own ``nlp.pipe`` on the same texts.

Both sides use the same statistical model on the same machine in the same run; the baseline
is the bare pipeline (no project components, no rules), so the ratio is what our reading costs
on top of parsing. Pipeline loading is timed apart and left out of the rates.

    .venv/bin/python bench/extract.py [--repeat 3] [--corpus ../shared/corpus/news-ap.jsonl ...]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from kg.extract.extractor import extract_many
from kg.gazetteer import load_gazetteer
from kg.ingest.article import Article
from kg.ingest.batch import iter_inputs
from kg.nlp.pipeline import build_nlp, load_model

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [ROOT / "seeds", *sorted((ROOT.parent / "shared" / "corpus").glob("news-*.jsonl"))]


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    args = ap.parse_args()
    articles = [a for a in iter_inputs(args.inputs) if isinstance(a, Article)]
    words = sum(len(a.text.split()) for a in articles)

    t0 = time.perf_counter()
    bare = load_model()
    load_bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = build_nlp()
    gazetteer = load_gazetteer()
    load_ours = time.perf_counter() - t0

    texts = [a.text for a in articles]
    base = best_of(args.repeat, lambda: list(bare.pipe(texts)))
    kg = best_of(args.repeat, lambda: list(extract_many(articles, nlp=ours, gazetteer=gazetteer)))

    n = len(articles)
    print(f"{n} articles, {words} words, best of {args.repeat}")
    print(f"{'':<28}{'load s':>10}{'run s':>10}{'articles/s':>12}{'words/s':>12}")
    print(f"{'spaCy nlp.pipe (baseline)':<28}{load_bare:>10.2f}{base:>10.2f}{n / base:>12.1f}{words / base:>12.0f}")
    print(f"{'kg extract':<28}{load_ours:>10.2f}{kg:>10.2f}{n / kg:>12.1f}{words / kg:>12.0f}")
    print(f"ratio kg / baseline (articles/s): {base / kg:.2f}")


if __name__ == "__main__":
    main()
