"""Sending a map to a remote SPARQL 1.1 server, with urllib only.

Two protocols: the Graph Store HTTP Protocol (``PUT`` replaces a graph, ``POST`` adds to it;
N-Triples to ``URL?graph=IRI`` or ``URL?default``), which every store speaks; or SPARQL UPDATE
(``INSERT DATA``), for endpoints that only take updates. Network failures become ArgmapErrors
that name the URL and what went wrong, never a traceback.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from argmap.errors import ArgmapError
from argmap.interchange.rdf import to_rdf

if TYPE_CHECKING:
    from argmap.model.amap import ArgumentMap

# IRIREF in SPARQL: no spaces, <>"{}|^`\ or control characters, so it cannot end the IRI early.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]*\Z")


@dataclass(frozen=True)
class PushResult:
    url: str
    status: int
    triples: int


def _check_iri(graph: str) -> str:
    if not _IRI.match(graph):
        raise ArgmapError(f"graph name {graph!r} is not an absolute IRI")
    return graph


def _send(url: str, body: bytes, method: str, content_type: str, timeout: float) -> int:
    req = urllib.request.Request(
        url, data=body, method=method, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return int(resp.status)
    except urllib.error.HTTPError as e:
        detail = e.read(500).decode("utf-8", "replace").strip()
        raise ArgmapError(
            f"{url}: server answered {e.code} {e.reason}" + (f": {detail}" if detail else "")
        ) from e
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise ArgmapError(f"{url}: no answer within {timeout:g}s") from e
        raise ArgmapError(f"{url}: cannot reach the server ({e.reason})") from e
    except TimeoutError as e:
        raise ArgmapError(f"{url}: no answer within {timeout:g}s") from e
    except OSError as e:
        raise ArgmapError(f"{url}: connection failed ({e})") from e


def push(
    amap: ArgumentMap,
    endpoint: str,
    graph: str | None = None,
    *,
    replace: bool = True,
    protocol: str = "graph-store",
    timeout: float = 30.0,
) -> PushResult:
    """Send the map's RDF to ``endpoint``.

    Args:
        endpoint: the Graph Store endpoint (Oxigraph: ``http://host:7878/store``) or, with
            ``protocol="update"``, the SPARQL UPDATE endpoint (Oxigraph: ``.../update``).
        graph: the named graph to write; None writes the default graph.
        replace: replace the graph's content (PUT / DROP first) instead of adding to it (POST).
        protocol: ``"graph-store"`` or ``"update"``.
        timeout: seconds to wait for the server.
    """
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ArgmapError(f"endpoint {endpoint!r} is not an http(s) URL")
    g = to_rdf(amap)
    nt = g.serialize(format="nt", encoding="utf-8")
    if protocol == "graph-store":
        sep = "&" if parts.query else "?"
        target = f"graph={quote(_check_iri(graph), safe='')}" if graph else "default"
        url = f"{endpoint}{sep}{target}"
        status = _send(url, nt, "PUT" if replace else "POST", "application/n-triples", timeout)
    elif protocol == "update":
        name = f"<{_check_iri(graph)}>" if graph else None
        clear = f"DROP SILENT GRAPH {name} ;\n" if name else "CLEAR SILENT DEFAULT ;\n"
        data = nt.decode("utf-8")
        insert = (
            f"INSERT DATA {{ GRAPH {name} {{\n{data}}} }}" if name else f"INSERT DATA {{\n{data}}}"
        )
        body = ((clear if replace else "") + insert).encode("utf-8")
        url = endpoint
        status = _send(url, body, "POST", "application/sparql-update", timeout)
    else:
        raise ArgmapError(f"unknown protocol {protocol!r}: use 'graph-store' or 'update'")
    return PushResult(url, status, len(g))
