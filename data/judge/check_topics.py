"""Validate topic files for the claim-pair judge and stance corpus (see GUIDELINES.md).

Usage: python data/judge/check_topics.py data/judge/topics/*.json [--summary]

Each file is one JSON object: a debated question's motions, claims with their side and labelled
claim pairs. Every check names the file and the field that fails. With ``--summary`` it also
prints counts per label, case, form and register, and how often the usual markers appear, so a
batch that leans on "because" or "however" shows at once.
"""

from __future__ import annotations

import json
import os
import re
import sys
import zlib
from collections import Counter
from pathlib import Path

LABELS = ("same", "supports", "attacks", "unrelated")
STANCES = ("pro", "con", "neutral")
STYLES = ("plain",)
"""A claim's optional ``style``: ``plain`` claims name what they are about and say their verdict
outright, as most real arguments do; claims without a style follow the rule that most must not
mention the motion's key words."""
MIN_PLAIN = {"pro": 5, "con": 5}
"""Once a file has plain claims at all, at least this many on each side."""
FORMS = (
    "yes-no",
    "this-house-would",
    "this-house-believes",
    "we-should",
    "statement",
    "imperative",
    "resolved",
    "whether",
    "wh",
    "headline",
    "noun-phrase",
)
REGISTERS = (
    "forum",
    "op-ed",
    "news",
    "encyclopedic",
    "speech",
    "academic",
    "interview",
    "brief",
)
# case -> (labels it may carry, minimum per file)
CASES: dict[str, tuple[tuple[str, ...], int]] = {
    "paraphrase": (("same",), 5),
    "loose-paraphrase": (("same",), 5),
    "negation": (("attacks",), 4),
    "antonym": (("attacks",), 3),
    "figures": (("attacks", "same"), 3),
    "same-frame-opposite": (("attacks", "unrelated"), 3),
    "shared-fact": (("supports", "unrelated"), 2),
    "concession": (("attacks", "supports"), 2),
    "question-answer": (("supports", "attacks"), 3),
    "reason": (("supports",), 5),
    "counter-reason": (("attacks",), 5),
    "undercut": (("attacks",), 2),
    "related-other-point": (("unrelated",), 4),
    "off-topic": (("unrelated",), 2),
    "motion-same": (("same",), 1),
    "motion-reversed": (("attacks",), 1),
}
MIN_MOTIONS, MIN_CLAIMS, MIN_PAIRS = 5, 22, 45
MIN_STANCE = {"pro": 9, "con": 9, "neutral": 3}
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MARKERS = re.compile(r"\b(because|however|therefore|i think|thus|hence)\b", re.I)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _grams(text: str, n: int = 8) -> set[str]:
    w = _words(text)
    return {" ".join(w[i : i + n]) for i in range(len(w) - n + 1)}


def reference_grams(shared: Path) -> set[str]:
    """8-word runs of the development set and the seeds, which no topic file may echo."""
    ref: set[str] = set()
    dev = shared / "dev-eval" / "microtexts_part2_en.json"
    if dev.is_file():
        for d in json.loads(dev.read_text(encoding="utf-8")):
            ref |= _grams(d.get("text", ""))
    seeds = shared / "seeds"
    if seeds.is_dir():
        for f in sorted(seeds.iterdir()):
            ref |= _grams(f.read_text(encoding="utf-8", errors="replace"))
    return ref


def _text(obj: object, where: str, errs: list[str]) -> str:
    if not isinstance(obj, str) or not obj.strip():
        errs.append(f"{where}: must be a non-empty string")
        return ""
    n = len(_words(obj))
    if n < 3 or n > 60:
        errs.append(f"{where}: {n} words (3 to 60)")
    return obj


def check(item: dict, ref: set[str]) -> list[str]:
    errs: list[str] = []
    tid = item.get("id")
    if not isinstance(tid, str) or not ID.match(tid):
        errs.append(f"id: {tid!r} is not lowercase words joined by '-'")
    for key in ("topic", "domain"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            errs.append(f"{key}: missing")
    texts: list[str] = []
    motions = item.get("motions")
    if not isinstance(motions, list) or len(motions) < MIN_MOTIONS:
        errs.append(f"motions: need at least {MIN_MOTIONS}")
        motions = motions if isinstance(motions, list) else []
    forms: Counter[str] = Counter()
    for i, m in enumerate(motions):
        w = f"motions[{i}]"
        if not isinstance(m, dict):
            errs.append(f"{w}: not an object")
            continue
        texts.append(_text(m.get("text"), f"{w}.text", errs))
        if m.get("form") not in FORMS:
            errs.append(f"{w}.form: {m.get('form')!r} not one of {', '.join(FORMS)}")
        forms[m.get("form")] += 1
        if m.get("polarity") not in (1, -1):
            errs.append(f"{w}.polarity: must be 1 or -1")
    if motions and isinstance(motions[0], dict) and motions[0].get("polarity") != 1:
        errs.append("motions[0]: the primary motion has polarity 1")
    if motions and not any(isinstance(m, dict) and m.get("polarity") == -1 for m in motions):
        errs.append("motions: none has polarity -1 (a reversed phrasing)")
    if motions and not any(
        isinstance(m, dict) and str(m.get("text", "")).rstrip().endswith("?") for m in motions
    ):
        errs.append("motions: none is a question")
    claims = item.get("claims")
    if not isinstance(claims, list) or len(claims) < MIN_CLAIMS:
        errs.append(f"claims: need at least {MIN_CLAIMS}")
        claims = claims if isinstance(claims, list) else []
    ids: set[str] = set()
    stances: Counter[str] = Counter()
    registers: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    for i, c in enumerate(claims):
        w = f"claims[{i}]"
        if not isinstance(c, dict):
            errs.append(f"{w}: not an object")
            continue
        if c.get("id") in ids:
            errs.append(f"{w}.id: duplicate {c.get('id')!r}")
        ids.add(c.get("id"))
        texts.append(_text(c.get("text"), f"{w}.text", errs))
        if c.get("stance") not in STANCES:
            errs.append(f"{w}.stance: {c.get('stance')!r} not one of {', '.join(STANCES)}")
        stances[c.get("stance")] += 1
        if c.get("register") not in REGISTERS:
            errs.append(f"{w}.register: {c.get('register')!r} not one of {', '.join(REGISTERS)}")
        registers[c.get("register")] += 1
        if "style" in c and c["style"] not in STYLES:
            errs.append(f"{w}.style: {c['style']!r} not one of {', '.join(STYLES)}")
        if c.get("style") == "plain":
            plain[c.get("stance")] += 1
    if plain:
        for s, n in MIN_PLAIN.items():
            if plain[s] < n:
                errs.append(f"claims: {plain[s]} plain {s} claims (need at least {n})")
    for s, n in MIN_STANCE.items():
        if claims and stances[s] < n:
            errs.append(f"claims: {stances[s]} {s} (need at least {n})")
    if claims and len(registers) < 4:
        errs.append(f"claims: {len(registers)} registers (need at least 4)")
    pairs = item.get("pairs")
    if not isinstance(pairs, list) or len(pairs) < MIN_PAIRS:
        errs.append(f"pairs: need at least {MIN_PAIRS}")
        pairs = pairs if isinstance(pairs, list) else []
    cases: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for i, p in enumerate(pairs):
        w = f"pairs[{i}]"
        if not isinstance(p, dict):
            errs.append(f"{w}: not an object")
            continue
        a = _text(p.get("a"), f"{w}.a", errs)
        b = _text(p.get("b"), f"{w}.b", errs)
        texts += [a, b]
        if a and a.strip().lower() == b.strip().lower():
            errs.append(f"{w}: a and b are the same text")
        if (a, b) in seen:
            errs.append(f"{w}: duplicate pair")
        seen.add((a, b))
        label, case = p.get("label"), p.get("case")
        if label not in LABELS:
            errs.append(f"{w}.label: {label!r} not one of {', '.join(LABELS)}")
        if case not in CASES:
            errs.append(f"{w}.case: {case!r} not one of {', '.join(CASES)}")
        elif label not in CASES[case][0]:
            errs.append(f"{w}: case {case} takes label {' or '.join(CASES[case][0])}, not {label}")
        cases[case] += 1
    if pairs:
        for case, (_, least) in CASES.items():
            if cases[case] < least:
                errs.append(f"pairs: {cases[case]} of case {case} (need at least {least})")
    if ref:
        for t in texts:
            if t and _grams(t) & ref:
                errs.append(f"text echoes the development set or the seeds: {t[:60]!r}")
    return errs


def held_out(topic_id: str) -> bool:
    """The split of README.md: a topic is held out when ``crc32(id) % 5 == 0``."""
    return zlib.crc32(topic_id.encode("utf-8")) % 5 == 0


def check_split_leaks(items: list[tuple[str, dict]]) -> int:
    """A sentence written into both a held-out and a training topic (an off-topic pair that
    borrows another file's claim, say) lets the held-out figure see training text: reword one."""
    where: dict[str, set[tuple[str, bool]]] = {}
    for f, item in items:
        tid = item.get("id")
        if not isinstance(tid, str):
            continue
        texts = [c.get("text") for c in item.get("claims") or [] if isinstance(c, dict)]
        texts += [m.get("text") for m in item.get("motions") or [] if isinstance(m, dict)]
        texts += [p.get(k) for p in item.get("pairs") or [] if isinstance(p, dict) for k in "ab"]
        for t in texts:
            if isinstance(t, str):
                where.setdefault(t, set()).add((f, held_out(tid)))
    bad = 0
    for t, places in where.items():
        if len({h for _, h in places}) > 1:
            names = ", ".join(sorted(Path(f).stem for f, _ in places))
            print(f"split leak: {t[:60]!r} is in held-out and training topics ({names}); reword it")
            bad += 1
    return bad


def main(argv: list[str]) -> int:
    summary = "--summary" in argv
    files = [a for a in argv if not a.startswith("--")]
    shared = Path(os.environ.get("ARGMAP_SHARED", Path(__file__).resolve().parents[3] / "shared"))
    ref = reference_grams(shared) if shared.is_dir() else set()
    bad = 0
    ids: dict[str, str] = {}
    totals: dict[str, Counter[str]] = {
        k: Counter() for k in ("label", "case", "stance", "form", "register", "style")
    }
    n_claims = n_marked = 0
    items: list[tuple[str, dict]] = []
    if len(files) == 1:  # one new file: check it against the corpus it joins
        here = Path(files[0]).resolve()
        items += [
            (str(q), json.loads(q.read_text(encoding="utf-8")))
            for q in sorted((Path(__file__).resolve().parent / "topics").glob("*.json"))
            if q.resolve() != here
        ]
    for f in files:
        try:
            item = json.loads(Path(f).read_text(encoding="utf-8"))
            if not isinstance(item, dict):
                raise ValueError("expected one JSON object")
        except (OSError, ValueError) as e:
            print(f"{f}: cannot read ({e})")
            bad += 1
            continue
        errs = check(item, ref)
        items.append((f, item))
        tid = item.get("id")
        if isinstance(tid, str):
            if tid in ids:
                errs.append(f"id: {tid!r} is also the id of {ids[tid]}")
            ids[tid] = f
            if Path(f).stem != tid:
                errs.append(f"id: {tid!r} differs from the file name")
        for e in errs:
            print(f"{f}: {e}")
        bad += len(errs)
        for p in item.get("pairs") or []:
            if isinstance(p, dict):
                totals["label"][p.get("label")] += 1
                totals["case"][p.get("case")] += 1
        for c in item.get("claims") or []:
            if isinstance(c, dict):
                totals["stance"][c.get("stance")] += 1
                totals["register"][c.get("register")] += 1
                totals["style"][c.get("style", "-")] += 1
                n_claims += 1
                n_marked += bool(MARKERS.search(str(c.get("text", ""))))
        for m in item.get("motions") or []:
            if isinstance(m, dict):
                totals["form"][m.get("form")] += 1
    bad += check_split_leaks(items)
    if summary:
        print(f"{len(files)} topics, {n_claims} claims, {sum(totals['label'].values())} pairs")
        for k, c in totals.items():
            print(f"  {k}: " + ", ".join(f"{a} {n}" for a, n in c.most_common()))
        if n_claims:
            print(f"  claims with a usual marker: {n_marked} ({n_marked / n_claims:.0%})")
    print("OK" if not bad else f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
