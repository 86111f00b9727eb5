"""The CLI as a user meets it: commands, messages instead of tracebacks, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import argmap
from argmap.cli import main, parser

GOOD = (
    "Schools should start later in the morning. Teenagers learn better after more sleep "
    "because their body clocks run late. Critics argue that later starts disrupt parents' "
    "work schedules. However, districts that switched saw attendance rise."
)


def test_cli_every_command_has_help(capsys):
    sub = next(a for a in parser()._actions if a.dest == "command")
    for name in sub.choices:
        with pytest.raises(SystemExit) as e:
            main([name, "--help"])
        assert e.value.code == 0
        assert "usage: argmap " + name in capsys.readouterr().out


def test_cli_build_show_claims_claim(tmp_path: Path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "school.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "docs" / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "m.json"
    code = main(["build", str(tmp_path / "docs"), "-o", str(out), "--embedder", "hashing", "-q"])
    assert code == 0
    captured = capsys.readouterr()
    assert "skipped: " + str(tmp_path / "docs" / "empty.txt") + ": empty file" in captured.err
    assert "read 1 document(s), skipped 1" in captured.out

    assert main(["show", str(out)]) == 0
    shown = capsys.readouterr().out
    assert "main claim: Schools should start later in the morning." in shown
    assert "Most attacked:" in shown

    assert main(["claims", str(out), "--json", "--stance", "con"]) == 0
    cons = json.loads(capsys.readouterr().out)
    assert [c["text"] for c in cons] == [
        "Critics argue that later starts disrupt parents' work schedules."
    ]

    assert main(["claim", str(out), cons[0]["id"][:8]]) == 0
    detail = capsys.readouterr().out
    assert "Attackers (1):" in detail and "attendance rise" in detail
    assert "school.txt" in detail


def test_cli_nothing_readable_exits_nonzero(tmp_path: Path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code = main(
        ["build", str(tmp_path), "-o", str(tmp_path / "m.json"), "--embedder", "hashing", "-q"]
    )
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("argmap: error: nothing could be read")
    assert "empty.txt: empty file" in err
    assert not (tmp_path / "m.json").exists()


def test_cli_main_claim_model_chooses_ranker_rules_or_a_file(tmp_path: Path, capsys):
    from argmap.parse.discourse import CENTRAL_FEATURES
    from argmap.parse.ranker import LinearRanker

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "halls.txt").write_text(
        "Most village halls were built more than fifty years ago. Their roofs leak and their "
        "heating costs a fortune every winter. Volunteers already struggle to keep them open. "
        "For these reasons, I think councils should pay for repairing village halls.",
        encoding="utf-8",
    )
    first_weights = tmp_path / "first.json"  # weights that always take the first unit
    LinearRanker(CENTRAL_FEATURES, [9.0 if f == "first" else 0.0 for f in CENTRAL_FEATURES]).dump(
        first_weights
    )

    def main_claim(*extra: str) -> str:
        out = tmp_path / "m.json"
        args = ["build", str(tmp_path / "docs"), "-o", str(out), "--embedder", "hashing", "-q"]
        assert main([*args, *extra]) == 0
        data = json.loads(out.read_text(encoding="utf-8"))
        main_id = data["documents"][0]["main_claim"]
        return next(c["text"] for c in data["claims"] if c["id"] == main_id)

    assert main_claim().startswith("For these reasons")  # the shipped ranker
    assert main_claim("--main-claim-model", "rules").startswith("Most village halls")
    assert main_claim("--main-claim-model", str(first_weights)).startswith("Most village halls")

    bad = tmp_path / "bad.json"
    bad.write_text('{"features": ["lead"], "weights": [1.0]}', encoding="utf-8")
    args = ["build", str(tmp_path / "docs"), "-o", str(tmp_path / "x.json"), "--embedder",
            "hashing", "-q", "--main-claim-model", str(bad)]  # fmt: skip
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"{bad}: weights are for other features" in err and "Traceback" not in err
    assert not (tmp_path / "x.json").exists()


def test_cli_bad_map_is_a_message_not_a_traceback(tmp_path: Path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["show", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"argmap: error: {bad}: not valid JSON")
    assert "Traceback" not in err
    assert main(["show", str(tmp_path / "missing.json")]) == 1
    assert "no such map file" in capsys.readouterr().err


# ---- reading a saved map: claims --search / --json, claim, show ----------------------------

SPEECH = (
    "The city should ban cars from the old town. Traffic noise keeps residents awake at night. "
    "Delivery vans would lose access to the shops. Vans could use a morning delivery window. "
    "Fewer cars mean cleaner air for the children at the school. "
    "Car bans always fail. Car bans always succeed."
)


def _saved_map(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A small map built by hand, so each expected line follows from its relations.

    N supports MAIN, AIR supports MAIN, VANS attacks MAIN, WINDOW attacks VANS;
    FAIL and WIN attack each other.
    """
    import dataclasses

    from argmap import ArgumentMap
    from argmap.ids import claim_id
    from argmap.model import Claim, Document, Mention, Relation

    doc = Document.create(SPEECH, "town.txt", title="Town")
    spec = {
        "MAIN": ("The city should ban cars from the old town.", "pro", 0.6),
        "N": ("Traffic noise keeps residents awake at night.", "pro", 0.7),
        "VANS": ("Delivery vans would lose access to the shops.", "con", 0.8),
        "WINDOW": ("Vans could use a morning delivery window.", "pro", 0.97),
        "AIR": ("Fewer cars mean cleaner air for the children at the school.", "pro", 0.5),
        "FAIL": ("Car bans always fail.", "con", 0.4),
        "WIN": ("Car bans always succeed.", "pro", 0.4),
    }
    ids, claims = {}, []
    for name, (text, stance, conf) in spec.items():
        start = SPEECH.index(text)
        m = Mention.of(doc, start, start + len(text))
        ids[name] = claim_id(doc.id, m.start, m.end)
        claims.append(Claim(ids[name], text, (m,), stance, conf))
    rels = [
        Relation(ids["N"], ids["MAIN"], "supports"),
        Relation(ids["AIR"], ids["MAIN"], "supports"),
        Relation(ids["VANS"], ids["MAIN"], "attacks"),
        Relation(ids["WINDOW"], ids["VANS"], "attacks"),
        Relation(ids["FAIL"], ids["WIN"], "attacks"),
        Relation(ids["WIN"], ids["FAIL"], "attacks"),
    ]
    doc = dataclasses.replace(doc, main_claim=ids["MAIN"])
    amap = argmap.with_semantics(ArgumentMap([doc], claims, rels, {"embedder": "hashing"}))
    path = tmp_path / "town.json"
    amap.save(path)
    return path, ids


def test_cli_claims_json_lists_every_claim_with_its_fields(tmp_path: Path, capsys):
    path, ids = _saved_map(tmp_path)
    assert main(["claims", str(path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} == set(ids.values())
    for r in rows:
        assert set(r) == {"id", "text", "stance", "sources", "mentions"}  # no score unsearched
        assert r["sources"] == 1 and r["mentions"] == 1
    by_id = {r["id"]: r for r in rows}
    assert by_id[ids["VANS"]]["stance"] == "con"
    assert by_id[ids["AIR"]]["text"].startswith("Fewer cars mean cleaner air")


def test_cli_claims_search_ranks_by_meaning(tmp_path: Path, capsys):
    path, ids = _saved_map(tmp_path)
    query = "delivery vans lose access"
    assert main(["claims", str(path), "--search", query, "-k", "2", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 2
    # VANS shares every query word; WINDOW shares two ("vans", "delivery"); no other claim any
    assert [r["id"] for r in rows] == [ids["VANS"], ids["WINDOW"]]
    assert rows[0]["score"] >= rows[1]["score"]
    # a filter applies before the cut to k: the best pro match is not VANS (a con claim)
    assert main(["claims", str(path), "--search", query, "--stance", "pro", "-k", "1"]) == 0
    line = capsys.readouterr().out.strip()
    assert len(line.splitlines()) == 1
    score, cid, stance = line.split()[:3]
    assert cid == ids["WINDOW"] and stance == "pro"
    assert 0.0 < float(score) <= 1.0
    # plain text output: score first, then the id, highest first
    assert main(["claims", str(path), "--search", "cleaner air school children"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(ids)  # default k (10) is more than the map holds
    assert lines[0].split()[1] == ids["AIR"]
    scores = [float(x.split()[0]) for x in lines]
    assert scores == sorted(scores, reverse=True)


def test_cli_claim_prints_text_sources_supporters_and_attackers(tmp_path: Path, capsys):
    path, ids = _saved_map(tmp_path)
    assert main(["claim", str(path), ids["MAIN"][:10]]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{ids['MAIN']}  (pro, confidence 0.6)")
    assert "The city should ban cars from the old town." in out
    # the source with the mention's offsets and the passage around it, mention marked
    start = SPEECH.index("The city should")
    end = start + len("The city should ban cars from the old town.")
    assert f"town.txt [{start}:{end}]" in out
    assert "»The city should ban cars from the old town.«" in out
    assert "Traffic noise keeps" in out.split("»")[1]  # text after the mention
    sup = out.split("Supporters (2):")[1].split("Attackers")[0]
    assert ids["N"] in sup and ids["AIR"] in sup and ids["VANS"] not in sup
    att = out.split("Attackers (1):")[1]
    assert ids["VANS"] in att and "Delivery vans would lose access" in att
    assert ids["WINDOW"] not in att  # an attacker of the attacker is not a direct attacker
    # acceptance as saved: WINDOW defeats VANS, so MAIN stands
    assert "acceptance: in" in out

    assert main(["claim", str(path), ids["VANS"], "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["claim"]["id"] == ids["VANS"]
    assert [p["text"] for p in d["passages"]] == ["Delivery vans would lose access to the shops."]
    assert d["supporters"] == []
    assert [a["id"] for a in d["attackers"]] == [ids["WINDOW"]]

    assert main(["claim", str(path), "cnope"]) == 1
    assert "no claim with id 'cnope'" in capsys.readouterr().err


def test_cli_show_reports_acceptance_and_strength(tmp_path: Path, capsys):
    path, ids = _saved_map(tmp_path)
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    # grounded: N, AIR, WINDOW unattacked (in); VANS out; MAIN in again; FAIL/WIN undecided
    assert "Acceptance (grounded): 4 in, 1 out, 2 undecided" in out
    strongest = out.split("Strongest claims (DF-QuAD):\n")[1].split("\n\n")[0].splitlines()
    assert len(strongest) == 3
    # an unattacked claim keeps its confidence as strength: WINDOW (0.97) is first
    assert strongest[0].split()[:2] == ["0.97", ids["WINDOW"]]
    values = [float(x.split()[0]) for x in strongest]
    assert values == sorted(values, reverse=True)
    contested = out.split("Most attacked:\n")[1].splitlines()
    main_line = next(x for x in contested if ids["MAIN"] in x)
    assert "[in, strength" in main_line
    vans_line = next(x for x in contested if ids["VANS"] in x)
    assert "[out, strength" in vans_line
    # an attack lowers strength below the claim's own confidence (VANS: 0.8)
    assert float(vans_line.split("strength ")[1].rstrip("]")) < 0.8
    fail_line = next(x for x in contested if ids["FAIL"] in x)
    assert "[undecided, strength" in fail_line
