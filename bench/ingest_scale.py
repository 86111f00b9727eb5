"""Ingestion cost against input size, for three shapes of text (issue 19: linear, with limits).

    .venv/bin/python bench/ingest_scale.py [--max 10000000] [--units] [--shapes prose,one-line]

Shapes, each generated with a fixed seed:
- ``prose``: paragraphs of ordinary sentences;
- ``one-line``: a single line of made-up words, some capitalised, with no punctuation;
- ``short-lines``: one short sentence (3 to 8 words) per line (forum dumps, lists).
For each size (10k, 100k, 1M, 10M characters, up to ``--max``) it prints the seconds and the
peak traced memory of cleaning the text into a Document (chrome removal included) and, with
``--units``, of segmenting it into sentences and clauses. The last column is seconds per
million characters: flat means linear.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from argmap.errors import ArgmapError  # noqa: E402
from argmap.ingest import document_from_text  # noqa: E402
from argmap.units.segment import segment  # noqa: E402

WORDS = [
    "the",
    "council",
    "said",
    "that",
    "new",
    "homes",
    "would",
    "bring",
    "families",
    "back",
    "to",
    "the",
    "valley",
    "while",
    "critics",
    "argued",
    "the",
    "roads",
    "could",
    "not",
    "cope",
    "and",
    "schools",
    "were",
    "already",
    "full",
    "so",
    "any",
    "plan",
    "must",
    "include",
    "buses",
    "clinics",
    "and",
    "parks",
    "before",
    "a",
    "single",
    "house",
    "is",
    "built",
    "people",
    "want",
    "answers",
    "not",
    "promises",
    "rents",
    "rose",
    "sharply",
    "last",
    "year",
    "according",
    "to",
    "figures",
    "published",
    "by",
    "the",
    "housing",
    "office",
]


def _sentence(rng: random.Random, lo: int = 6, hi: int = 22) -> str:
    n = rng.randint(lo, hi)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", ".", "?", "!"])


def _word(rng: random.Random) -> str:
    """A made-up word, so a long line does not repeat itself the way a menu does."""
    w = "".join(
        rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(1, 4))
    )
    return w.capitalize() if rng.random() < 0.3 else w


def make(shape: str, size: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        if shape == "prose":
            piece = " ".join(_sentence(rng) for _ in range(rng.randint(3, 7))) + "\n\n"
        elif shape == "one-line":
            piece = " ".join(_word(rng) for _ in range(50)) + " "
        else:
            piece = _sentence(rng, 3, 8) + "\n"
        parts.append(piece)
        total += len(piece)
    return "".join(parts)[:size]


def clean(text: str, name: str, holder: dict[str, str]) -> None:
    try:
        holder["text"] = document_from_text(text, name)[0].text
    except ArgmapError:  # nothing left: the cost is still what we measure
        holder["text"] = ""


def measure(fn, *args) -> tuple[float, float]:
    tracemalloc.start()
    t0 = time.perf_counter()
    fn(*args)
    dt = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return dt, peak / 2**20


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max", type=int, default=10_000_000, help="largest size in characters")
    ap.add_argument("--units", action="store_true", help="also time segmentation into units")
    ap.add_argument(
        "--shapes",
        default="prose,one-line,short-lines",
        help="comma-separated shapes to measure (default: all three)",
    )
    args = ap.parse_args()
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    unknown = sorted(set(shapes) - {"prose", "one-line", "short-lines"})
    if unknown:
        ap.error(f"unknown shape(s): {', '.join(unknown)}")
    sizes = [s for s in (10_000, 100_000, 1_000_000, 10_000_000) if s <= args.max]
    print(f"{'shape':12} {'chars':>10} {'step':8} {'seconds':>8} {'peak MB':>8} {'s/Mchar':>8}")
    for shape in shapes:
        for size in sizes:
            text = make(shape, size)
            holder: dict[str, str] = {}
            dt, peak = measure(clean, text, f"{shape}.txt", holder)
            print(
                f"{shape:12} {size:>10,} {'clean':8} {dt:8.2f} {peak:8.1f} {dt / size * 1e6:8.2f}"
            )
            if args.units:
                dt, peak = measure(segment, holder["text"])
                print(
                    f"{shape:12} {size:>10,} {'units':8} {dt:8.2f} {peak:8.1f} "
                    f"{dt / size * 1e6:8.2f}"
                )
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
