"""Validate batch files of the motions corpus (see GUIDELINES.md in this folder).

Usage: python data/judge/motions/check_motions.py data/judge/motions/*.json [--summary]

Every failure names the file, the question and the field. Besides each file's own shape it
checks the corpus as a whole: question ids and claim texts unique across batches and the
topic corpus, no primary motion too close to a question of ``../topics/`` (a near-duplicate
question would sit on both sides of the split), and no 8-word run from the development set or
the seeds.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from check_topics import FORMS, STANCES, _grams, held_out, reference_grams  # noqa: E402

ABOUT = ("thing", "measure", "other")
REGISTERS = (
    "forum",
    "op-ed",
    "news",
    "speech",
    "academic",
    "interview",
    "brief",
    "encyclopedic",
    "crowd",
)
QUESTION_FORMS = ("yes-no", "wh", "whether", "headline")
MIN_MOTIONS, MAX_MOTIONS = 3, 6
MIN_CLAIMS, MAX_CLAIMS = 10, 16
MIN_STANCE = {"pro": 4, "con": 4, "neutral": 1}
MIN_ABOUT = {"thing": 2, "measure": 2}
MIN_REGISTERS = 3
CLOSE = 0.6
"""Word-set overlap (Jaccard, content words) above which a primary motion repeats a question
of ``../topics/``."""
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "be",
        "is",
        "are",
        "was",
        "should",
        "would",
        "will",
        "we",
        "this",
        "house",
        "believes",
        "that",
        "it",
        "its",
        "by",
        "with",
        "as",
        "at",
        "from",
        "do",
        "does",
        "not",
        "no",
        "yes",
        "whether",
        "why",
        "what",
        "how",
        "than",
        "more",
    ]
)


def content(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in STOP}


def _str(obj: object, where: str, errs: list[str]) -> str:
    if not isinstance(obj, str) or not obj.strip():
        errs.append(f"{where}: must be a non-empty string")
        return ""
    return obj


def check_question(q: object, where: str, errs: list[str]) -> None:
    if not isinstance(q, dict):
        errs.append(f"{where}: must be an object")
        return
    qid = _str(q.get("id"), f"{where}.id", errs)
    if qid and not ID.match(qid):
        errs.append(f"{where}.id: {qid!r} must be lowercase words joined by '-'")
    _str(q.get("domain"), f"{where}.domain", errs)
    motions = q.get("motions")
    if not isinstance(motions, list) or not MIN_MOTIONS <= len(motions) <= MAX_MOTIONS:
        errs.append(f"{where}.motions: need {MIN_MOTIONS} to {MAX_MOTIONS}")
        motions = []
    for j, m in enumerate(motions):
        w = f"{where}.motions[{j}]"
        if not isinstance(m, dict):
            errs.append(f"{w}: must be an object")
            continue
        _str(m.get("text"), f"{w}.text", errs)
        if m.get("form") not in FORMS:
            errs.append(f"{w}.form: {m.get('form')!r} is not one of {', '.join(FORMS)}")
        if m.get("polarity") not in (1, -1) or isinstance(m.get("polarity"), bool):
            errs.append(f"{w}.polarity: must be 1 or -1")
    good = [m for m in motions if isinstance(m, dict)]
    if good:
        if good[0].get("polarity") != 1:
            errs.append(f"{where}.motions[0].polarity: the primary motion has polarity 1")
        if not any(m.get("polarity") == -1 for m in good):
            errs.append(f"{where}.motions: need one with polarity -1")
        if not any(m.get("form") in QUESTION_FORMS for m in good):
            errs.append(f"{where}.motions: need one question ({', '.join(QUESTION_FORMS)})")
    claims = q.get("claims")
    if not isinstance(claims, list) or not MIN_CLAIMS <= len(claims) <= MAX_CLAIMS:
        errs.append(f"{where}.claims: need {MIN_CLAIMS} to {MAX_CLAIMS}")
        claims = []
    stances: Counter[str] = Counter()
    about: Counter[str] = Counter()
    registers: set[str] = set()
    for j, c in enumerate(claims):
        w = f"{where}.claims[{j}]"
        if not isinstance(c, dict):
            errs.append(f"{w}: must be an object")
            continue
        text = _str(c.get("text"), f"{w}.text", errs)
        n = len(text.split())
        if text and not 5 <= n <= 40:
            errs.append(f"{w}.text: {n} words, need 5 to 40")
        if c.get("stance") not in STANCES:
            errs.append(f"{w}.stance: {c.get('stance')!r} is not one of {', '.join(STANCES)}")
        stances[str(c.get("stance"))] += 1
        if c.get("stance") in ("pro", "con"):
            if c.get("about") not in ABOUT:
                errs.append(f"{w}.about: {c.get('about')!r} is not one of {', '.join(ABOUT)}")
            about[str(c.get("about"))] += 1
        if c.get("register") not in REGISTERS:
            errs.append(f"{w}.register: {c.get('register')!r} is not one of {', '.join(REGISTERS)}")
        registers.add(str(c.get("register")))
    if claims:
        for s, k in MIN_STANCE.items():
            if stances[s] < k:
                errs.append(f"{where}.claims: {stances[s]} {s}, need at least {k}")
        for a, k in MIN_ABOUT.items():
            if about[a] < k:
                errs.append(f"{where}.claims: {about[a]} sided claims about the {a}, need {k}")
        if len(registers & set(REGISTERS)) < MIN_REGISTERS:
            errs.append(f"{where}.claims: need at least {MIN_REGISTERS} registers")


def topic_primaries() -> list[tuple[str, set[str]]]:
    out = []
    for f in sorted((HERE.parent / "topics").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        out.append((d["motions"][0]["text"], content(d["motions"][0]["text"])))
    return out


def topic_claims() -> set[str]:
    out: set[str] = set()
    for f in sorted((HERE.parent / "topics").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        out |= {c["text"].strip().lower() for c in d["claims"]}
    return out


def check_files(paths: list[Path]) -> tuple[int, list[dict]]:
    shared = HERE.parents[2].parent / "shared"
    ref = reference_grams(shared)
    primaries = topic_primaries()
    taken = topic_claims()
    seen_ids: dict[str, str] = {}
    seen_claims: dict[str, str] = {}
    seen_primaries: list[tuple[str, set[str], str]] = []
    bad = 0
    questions: list[dict] = []
    for path in paths:
        errs: list[str] = []
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            print(f"{path}: cannot read ({e})")
            bad += 1
            continue
        qs = data.get("questions") if isinstance(data, dict) else None
        if not isinstance(qs, list) or not qs:
            print(f"{path}: needs an object with a non-empty 'questions' list")
            bad += 1
            continue
        for i, q in enumerate(qs):
            where = f"questions[{i}]" + (f" ({q.get('id')})" if isinstance(q, dict) else "")
            check_question(q, where, errs)
            if not isinstance(q, dict):
                continue
            qid = str(q.get("id"))
            if qid in seen_ids:
                errs.append(f"{where}.id: also in {seen_ids[qid]}")
            seen_ids[qid] = str(path)
            ms = q.get("motions")
            if isinstance(ms, list) and ms and isinstance(ms[0], dict):
                mine = content(str(ms[0].get("text", "")))
                for text, words in primaries:
                    if mine and len(mine & words) / len(mine | words) >= CLOSE:
                        errs.append(f"{where}.motions[0]: too close to the topic question {text!r}")
                for text, words, other in seen_primaries:
                    if mine and len(mine & words) / len(mine | words) >= CLOSE:
                        errs.append(f"{where}.motions[0]: too close to {other}: {text!r}")
                seen_primaries.append((str(ms[0].get("text")), mine, f"{path.name} {qid}"))
            for j, c in enumerate(q.get("claims") or []):
                if not isinstance(c, dict) or not isinstance(c.get("text"), str):
                    continue
                key = c["text"].strip().lower()
                if key in taken:
                    errs.append(f"{where}.claims[{j}].text: already a claim of ../topics/")
                if key in seen_claims:
                    errs.append(f"{where}.claims[{j}].text: also in {seen_claims[key]}")
                seen_claims[key] = f"{path.name} {qid}"
                if _grams(c["text"]) & ref:
                    errs.append(f"{where}.claims[{j}].text: echoes the dev set or the seeds")
            questions.append(q)
        for e in errs:
            print(f"{path}: {e}")
        bad += bool(errs)
    return bad, questions


def main(argv: list[str]) -> int:
    summary = "--summary" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")]
    if not paths:
        print(__doc__)
        return 2
    bad, questions = check_files(paths)
    if summary:
        claims = [c for q in questions for c in q.get("claims", []) if isinstance(c, dict)]
        held = sum(held_out(str(q.get("id"))) for q in questions)
        print(f"{len(questions)} questions ({held} held out), {len(claims)} claims")
        print("stance:", dict(Counter(c.get("stance") for c in claims)))
        print("about:", dict(Counter(c.get("about") for c in claims if c.get("about"))))
        print("register:", dict(Counter(c.get("register") for c in claims)))
        forms = Counter(m.get("form") for q in questions for m in q.get("motions", []))
        print("forms:", dict(forms))
    print(f"{len(paths) - bad} of {len(paths)} files valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
