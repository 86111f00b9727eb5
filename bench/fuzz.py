"""Throw generated hostile inputs at argmap's readers and count what happens (issue 19).

    .venv/bin/python bench/fuzz.py [--n 10000] [--seed 1] [--seconds 10]

Inputs, drawn with a fixed seed:
- document bytes under every supported extension: random bytes, mutated prose (cut, spliced,
  control characters, BOMs, repeated lines, one long line, unclosed HTML), a few PDFs;
- map JSON: a good map with values replaced by random JSON, cut short, or deeply nested;
- RDF and AIF: the good map's Turtle, RDF/XML, JSON-LD and AIF JSON, mutated and cut.
Each input is read in a worker process (``load_bytes`` or ``import_text``/``from_dict``); an
input that runs past ``--seconds`` is a hang, a worker that dies is a crash, an exception that
is not argmap's own named error is a traceback. Prints the counts and peak worker memory.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

PROSE = (
    "Open models help research. Critics say they help attackers, but attackers already have "
    "access. Because nobody can audit a closed model, trust erodes. However, releasing weights "
    "cannot be undone! Is that really true?\n"
)
EXTS = [".txt", ".md", ".html", ".htm", ".text", ".markdown"]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        if not data:
            data += bytes(rng.randrange(256) for _ in range(20))
        elif op < 0.2:
            i = rng.randrange(len(data))
            data[i] = rng.randrange(256)
        elif op < 0.35:
            i = rng.randrange(len(data))
            del data[i : i + rng.randint(1, 200)]
        elif op < 0.5:
            i = rng.randrange(len(data) + 1)
            data[i:i] = rng.choice(
                [
                    b"\x00",
                    b"\x0c",
                    b"\xef\xbf\xbe",
                    b"\xed\xa0\x80",
                    b"\xff\xfe",
                    b"<svg>",
                    b"<!--",
                    b"<script>",
                    b"\\ud800",
                    b"[" * 50,
                    b'"',
                    b"{",
                    b"1e400",
                    b"NaN",
                    b"\r",
                ]
            )
        elif op < 0.6:
            data = data[: rng.randrange(len(data) + 1)]
        elif op < 0.7:
            i, j = sorted(rng.randrange(len(data) + 1) for _ in range(2))
            data[j:j] = data[i:j] * rng.randint(1, 20)
        else:
            i = rng.randrange(len(data) + 1)
            data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 30)))
    return bytes(data)


def make_inputs(n: int, seed: int) -> list[tuple[str, str, bytes]]:
    """(kind, name, bytes) for each input."""
    from test_export_helpers import sample_map

    from argmap.interchange import export_text

    good = sample_map()
    seeds = {
        "map": good.dumps().encode(),
        "turtle": export_text(good, "turtle").encode(),
        "xml": export_text(good, "xml").encode(),
        "json-ld": export_text(good, "json-ld").encode(),
        "aif-json": export_text(good, "aif-json").encode(),
    }
    rng = random.Random(seed)
    out = []
    for i in range(n):
        r = rng.random()
        if r < 0.45:
            ext = rng.choice(EXTS)
            base = PROSE.encode() * rng.randint(1, 5)
            if ext.startswith(".htm"):
                base = b"<html><body><p>" + base + b"</p></body></html>"
            data = (
                bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
                if rng.random() < 0.2
                else _mutate(rng, base)
            )
            out.append(("doc", f"in{i}{ext}", data))
        elif r < 0.47:
            base = (
                b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
            )
            out.append(("doc", f"in{i}.pdf", _mutate(rng, base)))
        else:
            fmt = rng.choice(list(seeds))
            data = seeds[fmt]
            if rng.random() < 0.2 and fmt == "map":
                d = json.loads(data)
                key = rng.choice(["documents", "claims", "relations", "metadata", "format"])
                d[key] = rng.choice([None, 1, "x", [1], {"a": []}, [[]] * 3, 1e300, -1])
                data = json.dumps(d).encode()
            else:
                data = _mutate(rng, data)
            out.append((fmt, f"in{i}.{fmt}", data))
    return out


def _run_one(kind: str, name: str, data: bytes) -> str:
    from argmap.errors import ArgmapError
    from argmap.ingest import load_bytes
    from argmap.interchange import import_text

    try:
        if kind == "doc":
            load_bytes(data, name)
        else:
            text = data.decode("utf-8", errors="strict")
            if kind == "map":
                _load_map_text(text)
            else:
                import_text(text, kind, source=name)
        return "built"
    except UnicodeDecodeError:
        return "named"  # the CLI's reader names a file that is not UTF-8
    except ArgmapError:
        return "named"


def _load_map_text(text: str) -> None:
    import tempfile

    from argmap.model.amap import ArgumentMap

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        f.write(text)
    try:
        ArgumentMap.load(f.name)
    finally:
        Path(f.name).unlink()


def _worker(jobs, results, seconds: float) -> None:
    import logging
    import os

    logging.disable(logging.CRITICAL)  # parsers log every odd IRI; the counts are the report
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)

    def stop(signum, frame):
        raise TimeoutError

    signal.signal(signal.SIGALRM, stop)
    while True:
        job = jobs.get()
        if job is None:
            return
        i, kind, name, data = job
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            outcome = _run_one(kind, name, data)
        except TimeoutError:
            outcome = "hang"
        except Exception:
            outcome = "traceback:" + traceback.format_exc(limit=3).strip().splitlines()[-1][:160]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        results.put((i, outcome))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=10.0, help="an input running longer hangs")
    args = ap.parse_args()
    inputs = make_inputs(args.n, args.seed)
    ctx = mp.get_context("fork")
    counts: Counter[str] = Counter()
    samples: dict[str, str] = {}
    t0 = time.perf_counter()
    pending = list(enumerate(inputs))
    while pending:
        jobs, results = ctx.Queue(), ctx.Queue()
        w = ctx.Process(target=_worker, args=(jobs, results, args.seconds))
        w.start()
        for i, (kind, name, data) in pending:
            jobs.put((i, kind, name, data))
        jobs.put(None)
        done: set[int] = set()
        while len(done) < len(pending):
            try:
                i, outcome = results.get(timeout=args.seconds * 3 + 30)
            except Exception:
                break
            done.add(i)
            key = outcome.split(":", 1)[0]
            counts[key] += 1
            if key == "traceback":
                samples.setdefault(outcome, inputs[i][1])
        w.join(timeout=5)
        if len(done) < len(pending):  # the worker died on the next input: a crash
            if w.is_alive():
                w.kill()
            rest = [p for p in pending if p[0] not in done]
            counts["crash"] += 1
            samples.setdefault("crash", rest[0][1][1])
            pending = rest[1:]
        else:
            pending = []
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    kinds = Counter(k for k, _, _ in inputs)
    print(
        f"fuzz: {args.n} inputs (seed {args.seed}) in {dt:.0f} s: "
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    )
    for k in ("built", "named", "traceback", "hang", "crash"):
        print(f"  {k:10} {counts.get(k, 0)}")
    print(f"  peak worker memory {peak:.0f} MB")
    for what, name in list(samples.items())[:10]:
        print(f"  e.g. {name}: {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
