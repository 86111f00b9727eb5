"""argmap in the browser: open or build a map, filter it, and follow one claim to its sources.

A thin Streamlit shell. What the graph shows comes from :func:`argmap.view.network.view_data` and its
HTML from :func:`argmap.view.network.render_html`; this file only wires widgets to the library.

Environment:
    ARGMAP_MAP        map JSON opened at start (default: data/map.json next to this file)
    ARGMAP_EMBEDDER   embedding model for search, re-merging and builds ("hashing" in tests)
    ARGMAP_MAX_NODES  default node cap of the graph (400)
    ARGMAP_DOCUMENT_BUDGET  seconds each uploaded document may take to analyse (120)
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

import streamlit as st

from argmap.budget import DOCUMENT_BUDGET_S
from argmap.dedup import DEFAULT_THRESHOLD
from argmap.dedup.remerge import remerge
from argmap.embed import Embedder, make_embedder
from argmap.errors import ArgmapError, IngestError
from argmap.ingest import load_bytes, readers
from argmap.model import Claim, Document
from argmap.model.amap import ArgumentMap
from argmap.pipeline import Pipeline
from argmap.query import search
from argmap.view import debate as view_debate
from argmap.view import network as view
from argmap.view.component import clicked_claim, graph_view

HERE = Path(__file__).resolve().parent
DOC_TYPES = ["txt", "md", "markdown", "html", "htm", "pdf"]
SEARCH_RESULTS = 8
MIN_SEARCH_SCORE = 0.2  # cosine; below it a "hit" shares no meaning with the query
# argmap.interchange format name -> (button label, file name suffix, mime type)
EXPORTS: dict[str, tuple[str, str, str]] = {
    "turtle": ("RDF Turtle", ".ttl", "text/turtle"),
    "json-ld": ("JSON-LD", ".jsonld", "application/ld+json"),
    "aif-json": ("AIF JSON", ".aif.json", "application/json"),
    "argdown": ("Argdown", ".argdown", "text/plain"),
    "graphml": ("GraphML", ".graphml", "application/xml"),
    "nt": ("RDF N-Triples", ".nt", "application/n-triples"),
    "xml": ("RDF/XML", ".rdf", "application/rdf+xml"),
    "trig": ("RDF TriG", ".trig", "application/trig"),
}


# ---- loading --------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def shared_embedder(name: str) -> Embedder:
    """One embedder per model name for the whole server, so the model loads once."""
    return make_embedder(name)


def embedder_for(amap: ArgumentMap) -> Embedder:
    name = os.environ.get("ARGMAP_EMBEDDER") or str(amap.metadata.get("embedder") or "")
    return shared_embedder(name or "all-MiniLM-L6-v2")


@st.cache_resource(show_spinner="Loading the map…", max_entries=4)
def load_path(path: str, mtime: float) -> ArgumentMap:
    """A map file, cached per modification time so a rebuilt file is picked up."""
    return ArgumentMap.load(path)


@st.cache_resource(show_spinner="Loading the map…", max_entries=4)
def load_json_bytes(data: bytes, name: str) -> ArgumentMap:
    import json

    try:
        text = data.decode("utf-8")
        raw = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ArgmapError(f"{name}: not a JSON map ({e})") from e
    if isinstance(raw, dict) and "format" not in raw and "claims" not in raw:
        # another tool's file: AIF JSON, xAIF or Argdown JSON, read as `argmap import` reads it
        from argmap.interchange import import_text

        return import_text(text, "json", source=name)
    return ArgumentMap.from_dict(raw, source=name)


@st.cache_resource(show_spinner="Re-merging near-duplicate claims…", max_entries=8)
def remerged(_amap: ArgumentMap, key: str, threshold: float) -> ArgumentMap:
    """The map merged at ``threshold``; ``key`` names the base map (it is not hashed).

    Merging anew changes the claims, so the debate (sides, key points) is read again, toward
    the question the map already has."""
    emb = embedder_for(_amap)
    merged = remerge(_amap, threshold, emb)
    q = (_amap.metadata.get("question") or {}).get("text")
    if _amap.key_points is not None and q:
        from argmap.debate import Debate

        merged = Debate(emb).analyse(merged, q)
    return merged


@st.cache_data(show_spinner=False, max_entries=32)
def graph(_amap: ArgumentMap, key: str, filters: tuple[Any, ...]) -> tuple[dict[str, Any], str]:
    """View data and page for one map version and one set of filters."""
    (stance, side, documents, relation_types, min_conf, focus, depth, color_by, max_nodes, sel) = (
        filters
    )
    data = view.view_data(
        _amap,
        stance=stance,
        side=side,
        documents=documents,
        relation_types=relation_types,
        min_confidence=min_conf,
        focus=focus,
        depth=depth,
        color_by=color_by,
        max_nodes=max_nodes,
        selected=sel,
    )
    return data, view.render_html(data)


def default_map_path() -> Path | None:
    env = os.environ.get("ARGMAP_MAP")
    path = Path(env) if env else HERE / "data" / "map.json"
    return path if path.is_file() else None


def document_budget() -> float:
    try:
        value = float(os.environ.get("ARGMAP_DOCUMENT_BUDGET", DOCUMENT_BUDGET_S))
    except ValueError:
        return DOCUMENT_BUDGET_S
    return value if value > 0 else DOCUMENT_BUDGET_S


UPLOAD_LIMITS = (
    f"Up to {readers.MAX_FILE_BYTES // 2**20} MB a file; a PDF gets "
    f"{readers.PDF_SECONDS:g} s to be read, and each document {document_budget():g} s to be "
    "analysed. A file over a limit, or one that cannot be read, is named below and the others "
    "are built."
)


def build_from_uploads(files: list[Any], question: str = "") -> None:
    """Read each upload (a bad one is named and skipped), build, and make the result current."""
    docs: list[Document] = []
    problems: list[tuple[str, str, str]] = []
    bar = st.progress(0.0, text="Reading documents…")
    for i, f in enumerate(files):
        bar.progress(i / max(1, len(files)) * 0.3, text=f"Reading {f.name}")
        try:
            doc, warnings = load_bytes(f.getvalue(), f.name)
        except IngestError as e:
            problems.append((f.name, e.reason, "error"))
            continue
        problems.extend((w.source, w.reason, w.severity) for w in warnings)
        docs.append(doc)
    st.session_state["build_problems"] = problems
    if not docs:
        bar.empty()
        st.session_state.pop("built", None)
        st.session_state["build_error"] = "None of the uploaded files could be read."
        return
    emb = shared_embedder(os.environ.get("ARGMAP_EMBEDDER") or "all-MiniLM-L6-v2")
    pipeline = Pipeline.default(embedder=emb, document_budget=document_budget())

    def progress(stage: str, done: int, total: int, source: str) -> None:
        # Each report is also where the build of a closed page stops: Streamlit asks the
        # session's script to stop when its browser goes away, and raises at the next st call
        # (tests/test_browser.py closes a page mid-build and watches the server's CPU).
        share = 0.3 + 0.6 * (done / total if total else 1.0)
        words = {
            "prepare": "Reading the documents together",
            "analyse": f"Finding claims in {source}",
            "dedup": "Merging near-duplicates",
            "link": "Linking claims across documents",
            "debate": "Reading the debate: question, sides, key points",
        }
        bar.progress(min(share, 0.95), text=words.get(stage, stage))

    try:
        amap = pipeline.run(docs, progress=progress, question=question.strip() or None)
    except ArgmapError as e:
        bar.empty()
        st.session_state["build_error"] = f"The build failed: {view.md_escape(str(e))}"
        return
    bar.progress(1.0, text="Done")
    # what the build itself skipped (a document over its time budget), named like the rest
    named = {(n, r) for n, r, _ in problems}
    for p in amap.metadata.get("problems") or []:
        if isinstance(p, dict) and (p.get("source"), p.get("reason")) not in named:
            problems.append((str(p.get("source")), str(p.get("reason")), str(p.get("severity"))))
    st.session_state["build_problems"] = problems
    digest = hashlib.sha1("".join(sorted(d.id for d in docs)).encode()).hexdigest()[:12]
    st.session_state["built"] = (f"built:{digest}", amap)
    st.session_state.pop("build_error", None)
    st.session_state["source"] = "Built from uploads"
    bar.empty()


def current_map() -> tuple[str, str, ArgumentMap] | None:
    """(cache key, label, map) for the map the person chose, or None when there is none."""
    sb = st.sidebar
    sb.header("Map")
    available: dict[str, Callable[[], tuple[str, ArgumentMap]]] = {}
    path = default_map_path()
    if path is not None:
        p = path

        def from_disk() -> tuple[str, ArgumentMap]:
            mtime = p.stat().st_mtime
            return f"path:{p}:{mtime}", load_path(str(p), mtime)

        available[f"Saved map ({p.name})"] = from_disk
    upload = sb.file_uploader(
        "Open a map file (argmap, AIF, xAIF or Argdown JSON)", type=["json"], key="map_upload"
    )
    if upload is not None:
        data, name = upload.getvalue(), upload.name

        def from_upload() -> tuple[str, ArgumentMap]:
            digest = hashlib.sha1(data).hexdigest()[:12]
            return f"upload:{digest}", load_json_bytes(data, name)

        available[f"Uploaded map ({name})"] = from_upload
        if st.session_state.get("map_upload_seen") != upload.file_id:
            st.session_state["map_upload_seen"] = upload.file_id
            st.session_state["source"] = f"Uploaded map ({name})"
    with sb.expander("Build a map from documents", expanded=path is None):
        files = st.file_uploader(
            "Documents (txt, md, html, pdf)",
            type=DOC_TYPES,
            accept_multiple_files=True,
            key="doc_upload",
            help=UPLOAD_LIMITS,
        )
        st.caption(UPLOAD_LIMITS)
        question = st.text_input(
            "Question the documents debate (optional)",
            key="build_question",
            placeholder="e.g. Should AI models be open source?",
            help="Every claim gets a side toward it. Left empty, it is read from the documents.",
        )
        if st.button("Build map", disabled=not files, type="primary", key="build"):
            build_from_uploads(list(files or []), question)
    if "built" in st.session_state:
        key, built = st.session_state["built"]
        available["Built from uploads"] = lambda: (key, built)
    for name, reason, severity in st.session_state.get("build_problems", []):
        what = "was skipped" if severity == "error" else "was read, but"
        st.warning(f"**{view.md_escape(name)}** {what}: {view.md_escape(reason)}")
    if "build_error" in st.session_state:
        st.error(st.session_state["build_error"])
    if not available:
        return None
    labels = list(available)
    if st.session_state.get("source") not in labels:
        st.session_state["source"] = labels[-1] if "Built from uploads" in labels else labels[0]
    choice = sb.selectbox("Showing", labels, key="source") if len(labels) > 1 else labels[0]
    try:
        key, amap = available[choice]()
    except ArgmapError as e:
        st.error(f"Cannot open this map: {view.md_escape(str(e))}")
        return None
    return key, choice, amap


# ---- selection ------------------------------------------------------------------------------


def select(claim_id: str) -> None:
    """Button callback: runs before the next script run, so the selectbox can take the value."""
    st.session_state["claim"] = claim_id


def claim_label(c: Claim) -> str:
    n = len(c.documents)
    return f"{view.short(c.text, 90)}  ({n} source{'s' if n != 1 else ''})"


def claim_buttons(claims: list[Claim], prefix: str, empty: str) -> None:
    if not claims:
        st.caption(empty)
        return
    for i, c in enumerate(claims):
        st.button(
            view.md_escape(view.short(c.text, 110)),
            key=f"{prefix}-{i}-{c.id}",
            on_click=select,
            args=(c.id,),
            width="stretch",
        )


def show_claim(amap: ArgumentMap, cid: str) -> None:
    d = view.claim_detail(amap, cid)
    st.markdown(
        f'<div style="font-size:1.35rem;font-weight:600;line-height:1.35">'
        f"{view.escape_text(d['claim'].text)}</div>",
        unsafe_allow_html=True,
    )
    st.caption(" · ".join(d["facts"]))

    st.markdown(f"#### Sources ({len(d['passages'])})")
    for p in d["passages"]:
        st.markdown(view.passage_html(p), unsafe_allow_html=True)
    if d["said"]:
        st.markdown(f"#### Said in the dialogue ({len(d['said'])})")
        for x in d["said"]:
            who = view.md_escape(x["speaker"] or "someone")
            when = f" at {view.md_escape(x['time'])}" if x["time"] else ""
            how = f" ({view.md_escape(x['illocution'])})" if x["illocution"] else ""
            st.markdown(f"**{who}**{when}{how}: {view.md_escape(x['text'])}")
    if d["rephrases"]:
        st.markdown(f"#### Rephrased as ({len(d['rephrases'])})")
        st.caption("The imported file calls these one point; argmap keeps them apart.")
        cols = st.columns(len(d["rephrases"]) + 1)
        with cols[0]:
            st.markdown(f"**This claim:** {view.md_escape(d['claim'].text)}")
        for col, other in zip(cols[1:], d["rephrases"], strict=True):
            with col:
                claim_buttons([other], "reph", "")

    left, right = st.columns(2)
    with left:
        st.markdown(f"#### Supported by ({len(d['supported_by'])})")
        claim_buttons(d["supported_by"], "sup", "No claim supports this one.")
        if d["supports"]:
            st.markdown(f"**It supports ({len(d['supports'])})**")
            claim_buttons(d["supports"], "sups", "")
    with right:
        st.markdown(f"#### Attacked by ({len(d['attacked_by'])})")
        claim_buttons(d["attacked_by"], "att", "No claim attacks this one.")
        if d["attacks"]:
            st.markdown(f"**It attacks ({len(d['attacks'])})**")
            claim_buttons(d["attacks"], "atts", "")
        for k, (premise, conclusion) in enumerate(d["undercuts"]):
            # an undercut denies the step from a reason to its claim, not either claim
            st.markdown(
                f"**It undercuts the step** from “{view.md_escape(view.short(premise.text, 80))}” "
                f"to “{view.md_escape(view.short(conclusion.text, 80))}”"
            )
            claim_buttons([premise, conclusion], f"undc{k}", "")
        for k, (other, conclusion) in enumerate(d["undercut_by"]):
            st.markdown(
                "**Its support for** "
                f"“{view.md_escape(view.short(conclusion.text, 80))}” **is undercut by**"
            )
            claim_buttons([other], f"undb{k}", "")

    if d["variants"]:
        # the variants include the one whose wording became the canonical text
        st.markdown(f"#### Merged from {len(d['variants'])} extracted claims")
        st.caption("Each row is a claim as one document put it; similarity is to this claim.")
        st.dataframe(d["variants"], hide_index=True, width="stretch")


POSITION_WORDS = {
    "for": "for",
    "against": "against",
    "mixed": "both sides",
    "neutral": "reports, takes no side",
}


def key_point_panel(amap: ArgumentMap, kp: Any, prefix: str) -> None:
    """One key point, expanded: its claims, where each is said, objections and their answers."""
    crux = " · ⚔ crux" if kp.crux else ""
    title = (
        f"{view.md_escape(view.short(kp.label, 120))}  \n"
        f"{kp.documents} source{'s' if kp.documents != 1 else ''} · {kp.mentions} "
        f"mention{'s' if kp.mentions != 1 else ''}{crux}"
    )
    with st.expander(title):
        d = view_debate.key_point_detail(amap, kp)
        for i, item in enumerate(d["claims"]):
            claim_buttons([item["claim"]], f"{prefix}-c{i}", "")
            for p in item["passages"][:3]:
                st.markdown(view.passage_html(p), unsafe_allow_html=True)
            for j, o in enumerate(item["objections"][:5]):
                st.markdown(
                    f"**Objection:** {view.md_escape(view.short(o['claim'].text, 160))}",
                )
                for a in o["answers"][:3]:
                    st.markdown(
                        f"&nbsp;&nbsp;↳ **Answer:** {view.md_escape(view.short(a.text, 160))}"
                    )
                if j == 4 and len(item["objections"]) > 5:
                    st.caption(f"… {len(item['objections']) - 5} more objections")


def debate_view(amap: ArgumentMap) -> None:
    """The first view: the question, the two sides side by side, cruxes marked."""
    data = view_debate.debate_data(amap)
    q = data["question"]
    if not data["has_debate"]:
        st.info(
            "This map was built without a question, so claims have no side. Rebuild it with "
            "a question (Build a map, in the sidebar) to see the debate."
        )
        return
    if q and q.get("text"):
        how = "given" if q.get("given") else "read from the documents"
        st.markdown(
            f'<div id="argmap-question" style="font-size:1.5rem;font-weight:650">'
            f"{view.escape_text(str(q['text']))}</div>",
            unsafe_allow_html=True,
        )
        st.caption(f"Question {how} · confidence {float(q.get('confidence') or 0):.2f}")
    else:
        reason = (q or {}).get("reason") or "the documents share no question"
        st.warning(f"No question: {view.md_escape(str(reason))}.")
    st.markdown(
        " · ".join(
            f"**{view.md_escape(view.short(p['title'], 50))}**: "
            f"{POSITION_WORDS.get(p['position'] or '', '?')}"
            for p in data["positions"]
        )
    )
    n_crux = len(data["cruxes"])
    if n_crux:
        st.caption(f"⚔ {n_crux} crux{'es' if n_crux != 1 else ''}: points the sides fight over")
    pro, con = st.columns(2, gap="large")
    for col, side, heading in ((pro, "pro", "For"), (con, "con", "Against")):
        with col:
            st.markdown(f"### {heading} ({data['counts'][side]} key points)")
            kps = data["sides"][side]
            if not kps:
                st.caption("No key point on this side.")
            for i, kp in enumerate(kps):
                key_point_panel(amap, kp, f"kp-{side}-{i}")


def search_panel(amap: ArgumentMap) -> None:
    st.markdown("#### Find a claim")
    query = st.text_input(
        "Search claims",
        key="query",
        placeholder="e.g. open models security",
        label_visibility="collapsed",
    )
    mode = st.radio("Search by", ["meaning", "text"], horizontal=True, key="search_mode")
    if not query.strip():
        return
    if mode == "text":
        hits = amap.text_search(query.strip())[:SEARCH_RESULTS]
        found = [(c, "") for c in hits]
    else:
        with st.spinner("Searching…"):
            hits = search(amap, query, SEARCH_RESULTS, embedder=embedder_for(amap))
            # an unrelated claim is still some distance away: leave those out, not at the end
            found = [(c, f" · {s:.2f}") for c, s in hits if s >= MIN_SEARCH_SCORE]
    if not found:
        st.caption("No claim found.")
    for i, (c, score) in enumerate(found):
        st.button(
            view.md_escape(view.short(c.text, 100)) + score,
            key=f"hit-{i}-{c.id}",
            on_click=select,
            args=(c.id,),
            width="stretch",
        )


# ---- downloads ------------------------------------------------------------------------------


def export_module() -> ModuleType | None:
    """``argmap.interchange`` when it is installed; the app works the same without it."""
    if importlib.util.find_spec("argmap.interchange") is None:
        return None
    try:
        return importlib.import_module("argmap.interchange")
    except ImportError:
        return None


def downloads(amap: ArgumentMap, stem: str) -> None:
    sb = st.sidebar
    sb.header("Download")
    # callables: each file is written only when its button is pressed
    sb.download_button(
        "Map as JSON (argmap/1)",
        amap.dumps,
        file_name=f"{stem}.json",
        mime="application/json",
        key="dl-json",
        width="stretch",
        on_click="ignore",  # no rerun: a rerun can drop the file before the browser fetches it
    )
    mod = export_module()
    export_text = getattr(mod, "export_text", None)
    if export_text is None:
        return
    known = getattr(mod, "EXPORT_FORMATS", EXPORTS)
    for fmt, (label, suffix, mime) in EXPORTS.items():
        if fmt not in known:
            continue
        sb.download_button(
            label,
            partial(export_text, amap, fmt),
            file_name=f"{stem}{suffix}",
            mime=mime,
            key=f"dl-{fmt}",
            width="stretch",
            on_click="ignore",
        )


# ---- page -----------------------------------------------------------------------------------


def main() -> None:
    st.set_page_config(page_title="argmap", page_icon="🗺️", layout="wide")
    st.title("argmap")
    if "claim" not in st.session_state and st.query_params.get("claim"):
        st.session_state["claim"] = st.query_params["claim"]

    chosen = current_map()
    if chosen is None:
        st.info(
            "No map yet. Open a map file, or upload documents and press **Build map** (sidebar)."
        )
        return
    key, label, base = chosen
    sb = st.sidebar
    sb.header("Filters")
    base_threshold = float(base.metadata.get("dedup_threshold") or DEFAULT_THRESHOLD)
    threshold = sb.slider(
        "Merge near-duplicates above similarity",
        0.50,
        0.99,
        value=round(base_threshold, 2),
        step=0.01,
        key="threshold",
        help="Re-merges the claims already found; nothing is re-extracted.",
    )
    amap = base
    if abs(threshold - base_threshold) > 1e-9:
        try:
            amap = remerged(base, key, threshold)
        except ArgmapError as e:
            st.error(f"Re-merging failed: {view.md_escape(str(e))}")
    vkey = f"{key}@{threshold:.2f}"

    docs = sorted(amap.documents.values(), key=lambda d: view.doc_label(d.title, d.source).lower())
    titles = {d.id: view.short(view.doc_label(d.title, d.source), 60) for d in docs}
    has_acceptance = any(c.acceptance for c in amap.claims_by_id.values())
    has_sides = any(c.side for c in amap.claims_by_id.values())
    colourings = (["side"] if has_sides else []) + ["stance"]
    colourings += ["acceptance"] if has_acceptance else []
    color_by = sb.radio(
        "Colour claims by",
        colourings,
        horizontal=True,
        key="color_by",
        help="side: toward the debate's question · stance: toward its own document's main claim",
    )
    picked_docs = sb.multiselect(
        "Documents",
        list(titles),
        format_func=titles.__getitem__,
        key="documents",
        placeholder="All documents",
    )
    stances = sorted({c.stance for c in amap.claims_by_id.values()})
    picked_stances = sb.multiselect("Stance", stances, default=stances, key="stance")
    side_names = ["pro", "con", "neutral"]
    picked_sides = (
        sb.multiselect("Side toward the question", side_names, default=side_names, key="side")
        if has_sides
        else side_names
    )
    picked_rels = sb.multiselect(
        "Relations", ["supports", "attacks"], default=["supports", "attacks"], key="relations"
    )
    min_conf = sb.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="min_conf")
    max_nodes = int(
        sb.number_input(
            "Most claims drawn",
            20,
            5000,
            step=50,
            key="max_nodes",
            value=int(os.environ.get("ARGMAP_MAX_NODES", view.MAX_NODES)),
        )
    )

    claims = sorted(amap.claims_by_id.values(), key=lambda c: (-len(c.documents), c.text))
    ids = [c.id for c in claims]
    # a click in the graph (last run's component value) selects before any widget reads it
    clicked, seen = clicked_claim(st.session_state.get("graph"), st.session_state.get("graph_seen"))
    st.session_state["graph_seen"] = seen
    if clicked in amap.claims_by_id:
        st.session_state["claim"] = clicked
    if st.session_state.get("claim") not in amap.claims_by_id:
        st.session_state["claim"] = None
    sel = st.session_state.get("claim")
    focus_on = sb.toggle("Focus on the selected claim", key="focus", disabled=sel is None)
    depth = sb.slider("Focus depth (steps)", 1, 5, 2, key="depth", disabled=not focus_on)
    downloads(amap, "argmap-map")

    s = amap.stats()
    st.caption(
        f"{view.md_escape(label)} · {s['documents']} documents · {s['claims']} claims "
        f"({s['merged']} merged) · {s['supports']} supports · {s['attacks']} attacks"
    )
    problems = [p for p in amap.metadata.get("problems", []) if p.get("severity") == "error"]
    if problems:
        with st.expander(f"{len(problems)} file(s) were skipped when this map was built"):
            for p in problems:
                st.markdown(
                    f"- **{view.md_escape(str(p.get('source')))}**: "
                    f"{view.md_escape(str(p.get('reason')))}"
                )

    filters = (
        tuple(picked_stances),
        tuple(picked_sides) if has_sides else None,
        tuple(picked_docs) or None,
        tuple(picked_rels),
        float(min_conf),
        sel if focus_on and sel else None,
        int(depth),
        color_by,
        max_nodes,
        sel,
    )
    debate_tab, network_tab = st.tabs(["Debate", "Network"])
    with debate_tab:
        debate_view(amap)
    with network_tab:
        left, right = st.columns([3, 2], gap="medium")
        with left:
            data, page = graph(amap, vkey, filters)
            shown = f"{len(data['nodes'])} claims, {len(data['edges'])} relations drawn"
            if data["message"]:
                st.info(f"{data['message']} ({shown})")
            else:
                st.caption(f"{shown}. Hover a claim to read it; click it for details.")
            if data["nodes"]:
                graph_view(page, height=640, key="graph")
        with right:
            search_panel(amap)
    st.selectbox(
        "Selected claim",
        ids,
        key="claim",
        format_func=lambda i: claim_label(amap.claims_by_id[i]),
        placeholder="Pick a claim…",
    )
    sel = st.session_state.get("claim")
    if sel:
        st.query_params["claim"] = sel
        st.divider()
        show_claim(amap, sel)
    elif "claim" in st.query_params:
        del st.query_params["claim"]


main()
