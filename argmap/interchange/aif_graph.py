"""Another tool's AIF or xAIF file, kept whole so it goes back out as it came in.

A map has no place for locutions, transitions, illocutions, schemes, participants, xAIF's text
or OVA's layout, and researchers expect their own files back intact. So the import keeps the
parsed file under ``metadata["aif"]`` beside which claim each I-node became and which relation
each S-node became; the export writes that file again, with what changed in argmap applied:
an I-node's text follows its claim's text, a deleted claim or relation takes its node (and the
edges and locutions on it) with it, and claims and relations added in argmap get new nodes
with fresh ids. argmap adds no keys of its own to such a file, so importing the export again
reads it as the same foreign file.

Dialogue is read here too: an L-node (a locution) asserts an I-node through a YA-node; its
speaker is the locution's participant (or the ``Name : words`` prefix OVA writes into the
L-node), its time the locution's or the L-node's timestamp. Each claim lists what was said as
``metadata["said"]``, so the app shows who said it and when, as it shows a source passage.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from typing import Any

SCHEMES = {"supports": ("RA", "Default Inference"), "attacks": ("CA", "Default Conflict")}
REPHRASE = ("MA", "Default Rephrase")
KEY = "aif"
SAID = "said"
_SPEAKER = re.compile(r"^\s*([^:\n]{1,80}?)\s*:\s+(.*)$", re.S)


def node_key(x: Any) -> str:
    """AIF ids are compared as strings: OVA writes ``12`` and ``"12"`` for one node."""
    return str(x)


def flat(text: Any) -> str:
    return " ".join(str(text).split())


def keep(
    file: Mapping[str, Any],
    claims: Mapping[str, str],
    relations: Mapping[str, list[tuple[str, str, str]]],
    rephrases: Sequence[Sequence[str]] = (),
) -> dict[str, Any]:
    """What ``metadata["aif"]`` holds: the file as parsed, and what its nodes became."""
    return {
        "file": copy.deepcopy(dict(file)),
        "claims": dict(claims),
        "relations": {k: [list(r) for r in v] for k, v in relations.items()},
        "rephrases": [list(x) for x in rephrases],
    }


def _aif_part(file: Mapping[str, Any]) -> Mapping[str, Any]:
    inner = file.get("AIF")
    return inner if isinstance(inner, Mapping) else file


def is_xaif(file: Mapping[str, Any]) -> bool:
    return isinstance(file.get("AIF"), Mapping)


def said(aif: Mapping[str, Any]) -> dict[str, list[dict[str, str]]]:
    """I-node key -> what was said of it: speaker, time, words, the locution and illocution."""
    nodes = {node_key(n.get("nodeID")): n for n in _list(aif, "nodes")}
    into: dict[str, list[str]] = {}
    out_of: dict[str, list[str]] = {}
    for e in _list(aif, "edges"):
        a, b = node_key(e.get("fromID")), node_key(e.get("toID"))
        out_of.setdefault(a, []).append(b)
        into.setdefault(b, []).append(a)
    people = {
        node_key(p.get("participantID")): flat(f"{p.get('firstname', '')} {p.get('surname', '')}")
        for p in _list(aif, "participants")
    }
    locutions = {node_key(x.get("nodeID")): x for x in _list(aif, "locutions")}
    out: dict[str, list[dict[str, str]]] = {}
    for key, n in nodes.items():
        if n.get("type") != "I":
            continue
        for ya in into.get(key, []):
            if nodes.get(ya, {}).get("type") != "YA":
                continue
            for loc in into.get(ya, []):
                ln = nodes.get(loc, {})
                if ln.get("type") != "L":
                    continue
                words = flat(ln.get("text", ""))
                info = locutions.get(loc, {})
                speaker = people.get(node_key(info.get("personID")), "")
                m = _SPEAKER.match(words)
                if m:
                    speaker = speaker or m.group(1)
                    words = m.group(2)
                time = str(info.get("timestamp") or ln.get("timestamp") or "")
                out.setdefault(key, []).append(
                    {
                        "speaker": speaker,
                        "time": time,
                        "text": words,
                        "locution": loc,
                        "illocution": flat(nodes[ya].get("text", "")),
                    }
                )
    return out


def _list(d: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    v = d.get(name)
    return [x for x in v if isinstance(x, Mapping)] if isinstance(v, list) else []


class _Fresh:
    """New node and edge ids that clash with none in the file, of the kind the file uses."""

    def __init__(self, used: Sequence[Any]) -> None:
        self.numbers = all(isinstance(x, int) and not isinstance(x, bool) for x in used)
        nums = [int(node_key(x)) for x in used if node_key(x).isdigit()]
        self.n = max(nums, default=0)
        self.used = {node_key(x) for x in used}

    def __call__(self) -> Any:
        while True:
            self.n += 1
            if node_key(self.n) not in self.used:
                self.used.add(node_key(self.n))
                return self.n if self.numbers else str(self.n)


def restore(amap: Any, kept: Mapping[str, Any]) -> dict[str, Any]:
    """The kept file with the map's current claims and relations applied (see the module doc)."""
    file = copy.deepcopy(dict(kept["file"]))
    aif = dict(_aif_part(file))
    claim_of = {k: v for k, v in kept.get("claims", {}).items()}
    rel_of = {k: [tuple(r) for r in v] for k, v in kept.get("relations", {}).items()}
    present = amap.claims_by_id
    keys = {r.key for r in amap.relations}
    drop: set[str] = set()
    nodes: list[dict[str, Any]] = []
    for n in _list(aif, "nodes"):
        n = dict(n)
        k = node_key(n.get("nodeID"))
        if k in claim_of:
            c = present.get(claim_of[k])
            if c is None:
                drop.add(k)
                continue
            if flat(n.get("text", "")) != c.text:
                n["text"] = c.text
        elif k in rel_of and not any(r in keys for r in rel_of[k]):
            drop.add(k)
            continue
        nodes.append(n)
    edges = [
        dict(e)
        for e in _list(aif, "edges")
        if node_key(e.get("fromID")) not in drop and node_key(e.get("toID")) not in drop
    ]
    new_node = _Fresh([n.get("nodeID") for n in _list(aif, "nodes")])
    new_edge = _Fresh([e.get("edgeID") for e in _list(aif, "edges")])
    node_of = {v: k for k, v in claim_of.items() if k not in drop}
    id_of = {node_key(n.get("nodeID")): n.get("nodeID") for n in nodes}

    def add_node(text: str, kind: str, scheme: str | None = None) -> Any:
        nid = new_node()
        d: dict[str, Any] = {"nodeID": nid, "text": text, "type": kind, "timestamp": ""}
        if scheme:
            d["scheme"] = scheme
        nodes.append(d)
        id_of[node_key(nid)] = nid
        return nid

    def add_edge(a: Any, b: Any) -> None:
        edges.append({"edgeID": new_edge(), "fromID": a, "toID": b, "formEdgeID": None})

    for c in present.values():
        if c.id not in node_of:
            node_of[c.id] = node_key(add_node(c.text, "I"))
    s_of: dict[tuple[str, str, str], Any] = {}
    for k, rs in rel_of.items():
        if k not in drop and k in id_of:
            for r in rs:
                s_of.setdefault(r, id_of[k])  # type: ignore[arg-type]
    # supports first, so an undercut drawn in argmap finds the inference node it attacks
    for r in sorted(amap.relations, key=lambda r: r.type != "supports"):
        if r.key in s_of:
            continue
        kind, scheme = SCHEMES[r.type]
        s = add_node(scheme, kind, scheme)
        s_of[r.key] = s
        add_edge(id_of[node_of[r.source]], s)
        inference = (*r.inference, "supports")
        if r.inference and inference not in s_of:
            ra_kind, ra_scheme = SCHEMES["supports"]
            s_of[inference] = ra = add_node(ra_scheme, ra_kind, ra_scheme)  # type: ignore[index]
            add_edge(id_of[node_of[r.inference[0]]], ra)
            add_edge(ra, id_of[node_of[r.inference[1]]])
        add_edge(s, s_of[inference] if r.inference else id_of[node_of[r.target]])  # type: ignore[index]
    known = {tuple(x) for x in kept.get("rephrases", [])}
    for a, b in amap.metadata.get("rephrases", []) or []:
        if (a, b) in known or a not in node_of or b not in node_of:
            continue
        s = add_node(REPHRASE[1], REPHRASE[0], REPHRASE[1])
        add_edge(id_of[node_of[a]], s)
        add_edge(s, id_of[node_of[b]])
    aif["nodes"] = nodes
    aif["edges"] = edges
    if "locutions" in aif:
        aif["locutions"] = [
            dict(x) for x in _list(aif, "locutions") if node_key(x.get("nodeID")) not in drop
        ]
    if is_xaif(file):
        file["AIF"] = aif
        return file
    return aif
