"""The graph as a Streamlit component that reports which claim was clicked.

``st.iframe`` only shows a page; a person exploring a map expects to click a claim in the
graph and read about it. This is a minimal Streamlit component (the v1 postMessage protocol,
written by hand so nothing needs a JavaScript build): its page holds the pyvis HTML in a
sandboxed inner frame, passes a click on a node up as ``{"claim": id, "seq": ...}``, and
Streamlit reruns the script with that value. ``seq`` differs for every click, so clicking the
same claim again after choosing another one from a list still counts.

Only the app imports this module (it needs the ``app`` extra).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

_FRONTEND = Path(__file__).resolve().parent.parent / "resources" / "graph_component"
_component = components.declare_component("argmap_graph", path=str(_FRONTEND))


def graph_view(html: str, *, height: int, key: str) -> dict[str, Any] | None:
    """Show ``html`` (a page from :func:`argmap.view.render_html`); the last click, if any."""
    value = _component(html=html, height=height, key=key, default=None)
    return value if isinstance(value, dict) else None


def clicked_claim(value: Any, seen: Any) -> tuple[str | None, Any]:
    """The claim id of a click not handled yet, and the marker to remember as handled."""
    if not isinstance(value, dict) or value.get("seq") in (None, seen):
        return None, seen
    claim = value.get("claim")
    return (claim if isinstance(claim, str) else None), value.get("seq")
