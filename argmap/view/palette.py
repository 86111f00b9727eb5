"""Colours, legend and labels of the map view: what a claim and a relation look like.

Split out of :mod:`argmap.view.network` so that the page builder and the claim detail share one
set of colours and label helpers without either growing too long; every name here is also
importable from :mod:`argmap.view.network`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from argmap.model.data import Claim, Relation

STANCE_COLOURS: dict[str, str] = {"pro": "#4e79a7", "con": "#f28e2b"}
ACCEPTANCE_COLOURS: dict[str, str] = {"in": "#59a14f", "out": "#e15759", "undecided": "#edc948"}
OTHER_COLOUR = "#a0a0a0"
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "supports": {"color": "#2f855a", "dashes": False},
    "attacks": {"color": "#c53030", "dashes": True},
    # an attack on the step from a premise to its conclusion, not on a claim (AIF's conflict
    # on an inference node); drawn to the conclusion whose support it weakens
    "undercuts": {"color": "#6b46c1", "dashes": [2, 6]},
}


def edge_kind(relation: Relation) -> str:
    """``supports``, ``attacks``, or ``undercuts`` for an attack on an inference."""
    return "undercuts" if relation.inference else relation.type


STANCE_NAMES = {"pro": "pro (for the main claim)", "con": "con (against it)"}
SIDE_COLOURS: dict[str, str] = {"pro": "#4e79a7", "con": "#f28e2b", "neutral": "#bab0ac"}
SIDE_NAMES = {
    "pro": "pro: for the question",
    "con": "con: against the question",
    "neutral": "neutral: takes no side",
}
ACCEPTANCE_NAMES = {"in": "accepted (in)", "out": "defeated (out)", "undecided": "undecided"}

LABEL_CHARS = 48


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """One line, at most ``limit`` characters, cut at a word where possible."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"


def _wrap(text: str, width: int = 24) -> str:
    """Break a label into lines so nodes do not grow long tails of text."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "\n".join(lines)


def doc_label(title: str, source: str) -> str:
    """A document's name for people: its title when it has a real one, else its file name.

    A plain-text file's "title" is its first line, often a whole paragraph; that is skipped.
    """
    name = source.replace("\\", "/").rsplit("/", 1)[-1] or source
    if title and title != source and len(title) <= 90 and not title.endswith("..."):
        return title
    return name


def _node_colour(claim: Claim, color_by: str) -> str:
    if color_by == "acceptance":
        return ACCEPTANCE_COLOURS.get(claim.acceptance or "", OTHER_COLOUR)
    if color_by == "side":
        return SIDE_COLOURS.get(claim.side or "", OTHER_COLOUR)
    return STANCE_COLOURS.get(claim.stance, OTHER_COLOUR)


def _legend(
    color_by: str, stances: Iterable[str], question: str | None = None
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    if color_by == "side":
        if question:
            items.append(
                {"kind": "title", "key": "question", "label": f"side toward: {short(question, 60)}"}
            )
        for key, colour in SIDE_COLOURS.items():
            items.append({"kind": "node", "key": key, "label": SIDE_NAMES[key], "color": colour})
    elif color_by == "acceptance":
        for key, colour in ACCEPTANCE_COLOURS.items():
            items.append(
                {"kind": "node", "key": key, "label": ACCEPTANCE_NAMES[key], "color": colour}
            )
    else:
        present = set(stances)
        for key, colour in STANCE_COLOURS.items():
            items.append({"kind": "node", "key": key, "label": STANCE_NAMES[key], "color": colour})
        if present - set(STANCE_COLOURS):
            items.append(
                {"kind": "node", "key": "other", "label": "other stance", "color": OTHER_COLOUR}
            )
    for key, style in EDGE_STYLES.items():
        items.append({"kind": "edge", "key": key, "label": key, **style})
    items.append(
        {
            "kind": "size",
            "key": "size",
            "label": "bigger = made by more documents",
            "color": OTHER_COLOUR,
        }
    )
    return items


def legend_html(legend: Sequence[Mapping[str, Any]]) -> str:
    """The legend as a small HTML box (labels are escaped, though they are our own words)."""
    rows = []
    for item in legend:
        label = html.escape(str(item["label"]))
        if item["kind"] == "title":  # the question, from the map file: escaped like any text
            rows.append(f"<b>{label}</b>")
            continue
        colour = html.escape(str(item["color"]), quote=True)
        if item["kind"] == "edge":
            style = "dashed" if item.get("dashes") else "solid"
            mark = f'<span class="line" style="border-top: 2px {style} {colour}"></span>'
            rows.append(f"{mark}{label} →")
        elif item["kind"] == "size":
            rows.append(f'<span style="color:#666">{label}</span>')
        else:
            rows.append(f'<span class="dot" style="background:{colour}"></span>{label}')
    return '<div id="argmap-legend">' + "<br>".join(rows) + "</div>"
