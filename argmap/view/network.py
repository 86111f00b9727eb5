"""The map as something to look at: plain view data first, then pyvis HTML, then passages.

Two steps, as in spaCy's displacy: :func:`view_data` turns an :class:`ArgumentMap` and the
filters a person chose into a plain dict (testable without a browser); :func:`render_html` turns
that dict into one self-contained page (vis-network inlined, no CDN, nothing fetched).

Document text is untrusted. It reaches the page in three ways, each kept inert: node and edge
data go through Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``) and vis-network
shows a string ``title`` with ``innerText``; passages are HTML-escaped before ``<mark>`` is added;
labels for Streamlit widgets are Markdown-escaped by :func:`md_escape`.

Colours, legend and labels live in :mod:`argmap.view.palette`, the layout of big graphs in
:mod:`argmap.view.layout`, one claim's detail and passages in :mod:`argmap.view.detail`; their
names are re-exported here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from argmap.model.amap import ArgumentMap
from argmap.model.data import RELATION_TYPES, Claim, Relation
from argmap.view.detail import _MD_SPECIAL as _MD_SPECIAL
from argmap.view.detail import claim_detail as claim_detail
from argmap.view.detail import escape_text as escape_text
from argmap.view.detail import md_escape as md_escape
from argmap.view.detail import passage_html as passage_html
from argmap.view.layout import _layout
from argmap.view.layout import spring_positions as spring_positions
from argmap.view.palette import ACCEPTANCE_COLOURS as ACCEPTANCE_COLOURS
from argmap.view.palette import ACCEPTANCE_NAMES as ACCEPTANCE_NAMES
from argmap.view.palette import (
    EDGE_STYLES,
    _legend,
    _node_colour,
    _wrap,
    doc_label,
    edge_kind,
    legend_html,
    short,
)
from argmap.view.palette import LABEL_CHARS as LABEL_CHARS
from argmap.view.palette import OTHER_COLOUR as OTHER_COLOUR
from argmap.view.palette import SIDE_COLOURS as SIDE_COLOURS
from argmap.view.palette import SIDE_NAMES as SIDE_NAMES
from argmap.view.palette import STANCE_COLOURS as STANCE_COLOURS
from argmap.view.palette import STANCE_NAMES as STANCE_NAMES

MAX_NODES = 400
# Above this many nodes, positions come from networkx and vis-network physics stays off:
# ../shared/PERF.md measured 2,000 nodes usable in 1.8 s that way against 10.8 s with tuned
# physics; with physics off, "stable" means drawn once.
PHYSICS_LIMIT = 150


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {value}
    return set(value)


def view_data(
    amap: ArgumentMap,
    *,
    stance: str | Iterable[str] | None = None,
    side: str | Iterable[str] | None = None,
    documents: Iterable[str] | None = None,
    relation_types: Iterable[str] | None = None,
    min_confidence: float = 0.0,
    focus: str | None = None,
    depth: int = 1,
    color_by: str = "stance",
    max_nodes: int = MAX_NODES,
    selected: str | None = None,
) -> dict[str, Any]:
    """What the graph shows for these filters, as plain data.

    Filters combine: a claim is kept when its stance is in ``stance``, it is made in at least
    one of ``documents``, and its confidence is at least ``min_confidence``; a relation is kept
    when both ends are kept, its type is in ``relation_types`` and its confidence passes too.
    Narrowing ``relation_types`` also hides claims left with no relation of those types, so
    "attacks only" shows the conflicts rather than a cloud of loose dots. With ``focus``, only
    claims within ``depth`` kept edges of that claim remain (the focus claim always does).
    When more than ``max_nodes`` remain, the best connected are shown and ``truncated`` is set.

    ``color_by="acceptance"`` falls back to stance when no claim carries an acceptance label,
    and ``color_by="side"`` (side toward the debate's question) when no claim carries a side.
    ``side`` filters on that side as ``stance`` does on stance.
    ``selected`` only marks that claim's node (it filters nothing).
    """
    stances = _as_set(stance)
    sides = _as_set(side)
    if color_by == "side" and not any(c.side for c in amap.claims_by_id.values()):
        color_by = "stance"
    docs = _as_set(documents)
    rtypes = _as_set(relation_types)
    narrowed = rtypes is not None and not set(RELATION_TYPES) <= rtypes
    if color_by == "acceptance" and not any(c.acceptance for c in amap.claims_by_id.values()):
        color_by = "stance"
    if focus is not None and focus not in amap.claims_by_id:
        focus = None

    def keep(c: Claim) -> bool:
        if c.id == focus:
            return True
        if stances is not None and c.stance not in stances:
            return False
        if sides is not None and (c.side or "neutral") not in sides:
            return False
        if docs is not None and not docs.intersection(c.documents):
            return False
        return c.confidence >= min_confidence

    claims = {cid: c for cid, c in amap.claims_by_id.items() if keep(c)}
    rels: list[Relation] = [
        r
        for r in amap.relations
        if r.source in claims
        and r.target in claims
        and r.source != r.target
        and (rtypes is None or r.type in rtypes)
        and r.confidence >= min_confidence
    ]
    if narrowed:
        linked = {r.source for r in rels} | {r.target for r in rels}
        claims = {cid: c for cid, c in claims.items() if cid in linked or cid == focus}
    g = nx.Graph()
    g.add_nodes_from(claims)
    g.add_edges_from((r.source, r.target) for r in rels)
    if focus is not None:
        near = nx.single_source_shortest_path_length(g, focus, cutoff=max(0, depth))
        claims = {cid: c for cid, c in claims.items() if cid in near}
    total = len(claims)
    truncated = total > max_nodes
    if truncated:

        def rank(cid: str) -> tuple[int, int, int, float, str]:
            c = claims[cid]
            return (cid != focus, -g.degree(cid), -len(c.documents), -c.confidence, cid)

        claims = {cid: claims[cid] for cid in sorted(claims, key=rank)[:max_nodes]}
    rels = [r for r in rels if r.source in claims and r.target in claims]
    doc_titles = {d.id: doc_label(d.title, d.source) for d in amap.documents.values()}

    nodes = []
    for c in claims.values():
        n_docs = len(c.documents)
        facts = [f"stance: {c.stance}", f"confidence: {c.confidence:.2f}"]
        if c.side:
            facts.insert(0, f"side: {c.side}")
        if c.acceptance:
            facts.append(f"acceptance: {c.acceptance}")
        sources = ", ".join(short(doc_titles.get(d, d), 40) for d in c.documents)
        nodes.append(
            {
                "id": c.id,
                "label": _wrap(short(c.text)),
                "text": c.text,
                # Plain text on purpose: vis-network sets a string title with innerText.
                "title": f"{c.text}\n\n{' · '.join(facts)}\n{n_docs} source(s): {sources}",
                "color": _node_colour(c, color_by),
                "size": 10 + 6 * min(n_docs, 8),
                "stance": c.stance,
                "side": c.side,
                "acceptance": c.acceptance,
                "confidence": c.confidence,
                "sources": n_docs,
                "documents": list(c.documents),
                "focus": c.id == focus,
                "selected": c.id == selected,
            }
        )
    edges = []
    for r in rels:
        kind = edge_kind(r)
        style = EDGE_STYLES[kind]
        title = kind
        if r.inference:
            premise = amap.claims_by_id.get(r.inference[0])
            title = "undercuts the step to this claim" + (
                f" from: {short(premise.text, 80)}" if premise else ""
            )
        edges.append(
            {
                "from": r.source,
                "to": r.target,
                "type": r.type,
                "kind": kind,
                "color": style["color"],
                "dashes": style["dashes"],
                "confidence": r.confidence,
                "count": r.count,
                "rule": r.rule,
                # which rule made the edge tells a reader how far to trust it
                "title": f"{title} (confidence {r.confidence:.2f}, {r.count}×)"
                + (f"\nread from: {r.rule}" if r.rule else ""),
            }
        )
    if total == 0:
        message = "No claim matches these filters."
    elif truncated:
        message = (
            f"Showing the {len(nodes)} best-connected of {total} matching claims. "
            "Narrow the filters, or focus on one claim, to see the rest."
        )
    else:
        message = ""
    return {
        "nodes": nodes,
        "edges": edges,
        "legend": _legend(
            color_by,
            (c.stance for c in claims.values()),
            (amap.metadata.get("question") or {}).get("text"),
        ),
        "color_by": color_by,
        "focus": focus,
        "total": total,
        "truncated": truncated,
        "message": message,
    }


# ---- HTML -------------------------------------------------------------------------------------

_OPTIONS: dict[str, Any] = {
    "autoResize": True,
    "nodes": {
        "shape": "dot",
        "borderWidth": 1,
        "font": {"size": 13, "face": "Helvetica, Arial, sans-serif", "color": "#222"},
    },
    "edges": {
        "smooth": False,
        "width": 1.6,
        "selectionWidth": 2,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
    },
    "layout": {"improvedLayout": False, "randomSeed": 7},
    "interaction": {
        "hover": True,
        "tooltipDelay": 120,
        "navigationButtons": False,
        "multiselect": False,
    },
}

_PHYSICS: dict[str, Any] = {
    "enabled": True,
    "solver": "barnesHut",
    "barnesHut": {
        "gravitationalConstant": -6000,
        "springLength": 140,
        "springConstant": 0.03,
        "damping": 0.3,
        "avoidOverlap": 0.2,
    },
    "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 25, "fit": True},
    "minVelocity": 1.0,
}

# Runs inside drawGraph() right after the network exists. Physics is switched off once the
# layout settles, so a big map stops using the CPU; ``argmapStable`` tells tests and the bench.
_SETTLE_JS = """
                  window.argmapStable = false;
                  var argmapSettled = function () {
                      if (window.argmapStable) { return; }
                      network.setOptions({physics: {enabled: false}});
                      network.fit({animation: false});
                      window.argmapStable = true;
                      window.argmapStableAt = performance.now();
                      document.body.setAttribute("data-stable", "1");
                  };
                  if (%(physics)s) {
                      network.once("stabilizationIterationsDone", argmapSettled);
                      network.once("stabilized", argmapSettled);
                  } else {
                      network.once("afterDrawing", argmapSettled);
                  }
                  // inside the app's graph component, a click on a claim selects it there
                  network.on("click", function (params) {
                      if (params.nodes.length && window.parent !== window) {
                          window.parent.postMessage(
                              {argmap: "select", claim: String(params.nodes[0])}, "*");
                      }
                  });
                  return network;
"""

_STYLE = """
<style>
  html, body { margin: 0; padding: 0; font-family: Helvetica, Arial, sans-serif; }
  #mynetwork { box-sizing: border-box; border: 1px solid #e3e3e3 !important; border-radius: 6px; float: none !important; }
  .card { border: none; }
  .vis-tooltip { font-family: Helvetica, Arial, sans-serif !important; max-width: 420px; white-space: pre-wrap !important; font-size: 13px;
                 line-height: 1.35; padding: 8px 10px !important; background: #fffdf5 !important;
                 border: 1px solid #d8d2b8 !important; border-radius: 4px; }
  #argmap-legend { position: absolute; top: 8px; left: 8px; z-index: 5; font-size: 12px;
                   background: rgba(255,255,255,0.92); border: 1px solid #e3e3e3;
                   border-radius: 6px; padding: 6px 9px; line-height: 1.6; color: #333; }
  #argmap-legend .dot { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
                        margin-right: 6px; vertical-align: -1px; }
  #argmap-legend .line { display: inline-block; width: 22px; margin-right: 6px;
                         vertical-align: 3px; border-top-width: 2px; }
</style>
"""

_EXTERNAL = re.compile(
    r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*"
    r"|<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>\s*",
    re.IGNORECASE | re.DOTALL,
)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>\s*", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.DOTALL)


def render_html(view: Mapping[str, Any], height: int = 620) -> str:
    """One self-contained HTML page drawing ``view`` with pyvis/vis-network, no network access.

    Small graphs are laid out by vis-network physics (200 stabilisation iterations, then physics
    off); bigger ones get networkx positions and no physics, so the page is usable at once.
    """
    from pyvis.network import Network

    nodes_in = view["nodes"]
    physics = len(nodes_in) <= PHYSICS_LIMIT
    pos = {} if physics else _layout(nodes_in, view["edges"])
    nodes = []
    for n in nodes_in:
        mark = n["focus"] or n.get("selected", False)
        vis = {
            "id": n["id"],
            "label": n["label"],
            "title": n["title"],
            "size": n["size"],
            "shape": "dot",
            "color": {
                "background": n["color"],
                "border": "#111" if mark else n["color"],
                "highlight": {"background": n["color"], "border": "#000"},
                "hover": {"background": n["color"], "border": "#000"},
            },
            "borderWidth": 5 if mark else 1,
        }
        if n["id"] in pos:
            vis["x"], vis["y"] = pos[n["id"]]
        nodes.append(vis)
    edges = [
        {
            "from": e["from"],
            "to": e["to"],
            "title": e["title"],
            "dashes": e["dashes"],
            "color": {"color": e["color"], "highlight": e["color"], "hover": e["color"]},
            "width": 1.4 + min(e["count"], 4) * 0.4,
        }
        for e in view["edges"]
    ]
    options = dict(_OPTIONS, physics=dict(_PHYSICS) if physics else {"enabled": False})
    if len(nodes) > PHYSICS_LIMIT:
        options["interaction"] = dict(_OPTIONS["interaction"], hideEdgesOnDrag=True)

    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    # Rendered here rather than with ``net.generate_html``: pyvis switches to a tooltip that
    # sets innerHTML whenever any title contains "href", which would run a document's markup.
    template = net.templateEnv.get_template(net.path)
    page = template.render(
        height=f"{height}px",
        width="100%",
        nodes=nodes,
        edges=edges,
        heading="",
        options=json.dumps(options),
        physics_enabled=physics,
        use_DOT=False,
        dot_lang="",
        widget=False,
        bgcolor="#ffffff",
        conf=False,
        tooltip_link=False,
        neighborhood_highlight=False,
        select_menu=False,
        filter_menu=False,
        notebook=False,
        cdn_resources="in_line",
    )
    page = _EXTERNAL.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = _COMMENT.sub("", page)
    settle = _SETTLE_JS % {"physics": "true" if physics else "false"}
    page = page.replace("return network;", settle.strip(), 1)
    page = page.replace("</head>", _STYLE + "</head>", 1)
    page = page.replace(
        '<div id="mynetwork"', legend_html(view["legend"]) + '<div id="mynetwork"', 1
    )
    page = page.replace(
        '<div class="card" style="width: 100%">',
        '<div class="card" style="width: 100%; position: relative">',
        1,
    )
    return page
