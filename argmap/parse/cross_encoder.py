"""Relations from a local NLI cross-encoder (``--relations cross-encoder --cross-encoder FOLDER``).

No NLI model can be installed offline here, so this backend uses whatever sentence-transformers
``CrossEncoder`` folder a user already has (for example a copy of ``cross-encoder/nli-deberta-v3``)
and never downloads anything: the folder loads with ``HF_HUB_OFFLINE=1`` and
``local_files_only``.

Candidate pairs come from the extraction, never all pairs: each claim other than the main claim
is paired with the main claim and with the claim(s) just before it. Every pair of a document goes
through one ``predict`` call. A pair is read as NLI (premise = source claim, hypothesis = target
claim): entailment means the source supports the target, contradiction that it attacks it,
neutral that there is no relation. Each claim keeps its single most confident relation, so the
result stays a tree as the discourse stage's does.

Labels are read from the model config's ``id2label``. Names containing "contradict", "entail" or
"neutral" map on their own; a model with opaque labels (``LABEL_0``, ``LABEL_1``, ...) needs a
``label_map`` such as ``{"LABEL_0": "attacks", "LABEL_1": "supports", "LABEL_2": None}`` (keys may
also be the integer class ids). Confidence is the softmax probability of the winning class.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from argmap.errors import ArgmapError, MissingDependency
from argmap.model.data import Document, Relation, round_conf
from argmap.parse.base import Extraction

STAGE = "cross-encoder"
LABEL_CHOICES: tuple[str | None, ...] = ("supports", "attacks", None)


def label_for(name: str) -> tuple[bool, str | None]:
    """Map an NLI class name to a relation type; ``(False, None)`` when the name is not known."""
    n = name.strip().lower()
    if "contradict" in n:
        return True, "attacks"
    if "entail" in n and "not" not in n:
        return True, "supports"
    if "neutral" in n:
        return True, None
    return False, None


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for large logits."""
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


def candidate_pairs(n: int, central: int, previous: int = 1) -> list[tuple[int, int]]:
    """(source, target) index pairs: each non-central claim against the main claim and against
    up to ``previous`` claims just before it. Linear in ``n``, never all pairs."""
    pairs: list[tuple[int, int]] = []
    for i in range(n):
        if i == central:
            continue
        pairs.append((i, central))
        for j in range(max(0, i - previous), i):
            if j != central:
                pairs.append((i, j))
    return pairs


@contextmanager
def _quiet_loading() -> Iterator[None]:
    """No "Loading weights" bar from transformers: the CLI's -q and progress output stay clean."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:  # pragma: no cover - sentence-transformers depends on transformers
        yield
        return
    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


class CrossEncoderRelations:
    """A RelationClassifier and PairClassifier backed by a local CrossEncoder NLI folder.

    Construction only checks the folder exists (cheap); the model loads on first use, once.
    Pass the instance as ``CrossDocumentLinker(embedder, classifier=...)`` to label cross-document
    pairs with the same model.
    """

    name = STAGE

    def __init__(
        self,
        model_path: str | os.PathLike[str] | None,
        label_map: Mapping[str | int, str | None] | None = None,
        previous: int = 1,
        min_confidence: float = 0.0,
        batch_size: int = 32,
        device: str = "cpu",
    ) -> None:
        if not model_path:
            raise ArgmapError(
                "the cross-encoder stage needs a model folder: pass --cross-encoder "
                "FOLDER (a local sentence-transformers CrossEncoder NLI model)"
            )
        self.path = Path(model_path).expanduser()
        if not self.path.is_dir():
            raise ArgmapError(
                f"cross-encoder model folder {str(self.path)!r} does not exist "
                "(--cross-encoder must name a local CrossEncoder model folder)"
            )
        if not (self.path / "config.json").is_file():
            raise ArgmapError(
                f"{str(self.path)!r} is not a CrossEncoder model folder: it has no config.json"
            )
        self.label_map = dict(label_map) if label_map else None
        self.previous = previous
        self.min_confidence = min_confidence
        self.batch_size = batch_size
        self.device = device
        self._model: Any = None
        self._labels: list[str | None] = []

    def warm_up(self) -> None:
        """Load the model and settle its label mapping; called on first use."""
        if self._model is not None:
            return
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import CrossEncoder
        except ImportError as e:  # pragma: no cover - a core dependency
            raise MissingDependency("sentence-transformers", purpose="the cross-encoder") from e
        try:
            with _quiet_loading():
                model = CrossEncoder(str(self.path), device=self.device, local_files_only=True)
        except Exception as e:  # a broken folder fails in many library-specific ways
            raise ArgmapError(
                f"could not load {str(self.path)!r} as a CrossEncoder: "
                f"{type(e).__name__}: {str(e)[:300]}"
            ) from e
        self._labels = self._resolve_labels(model)
        self._model = model

    def _resolve_labels(self, model: Any) -> list[str | None]:
        config = getattr(model, "config", None)
        id2label: dict[int, str] = dict(getattr(config, "id2label", None) or {})
        n = int(getattr(model, "num_labels", len(id2label)) or len(id2label))
        if n < 2:
            raise ArgmapError(
                f"{str(self.path)!r} has {n} output label(s); an NLI cross-encoder "
                "has entailment/contradiction/neutral classes"
            )
        labels: list[str | None] = []
        unknown: list[str] = []
        for i in range(n):
            name = str(id2label.get(i, f"LABEL_{i}"))
            if self.label_map is not None:
                for key in (name, i, str(i)):
                    if key in self.label_map:
                        value = self.label_map[key]
                        if value not in LABEL_CHOICES:
                            raise ArgmapError(
                                f"label_map value {value!r} for {name!r} must be "
                                "'supports', 'attacks' or None"
                            )
                        labels.append(value)
                        break
                else:
                    unknown.append(name)
                continue
            known, value = label_for(name)
            if not known:
                unknown.append(name)
            labels.append(value)
        if unknown:
            raise ArgmapError(
                f"cannot tell what the labels {', '.join(unknown)} of {str(self.path)!r} mean; "
                "pass label_map={'LABEL_0': 'attacks', 'LABEL_1': 'supports', 'LABEL_2': None} "
                "(or whichever order the model was trained with)"
            )
        return labels

    def scores(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Class probabilities for (premise, hypothesis) text pairs, in one predict call."""
        self.warm_up()
        if not pairs:
            return np.zeros((0, len(self._labels)))
        import torch

        logits = self._model.predict(
            list(pairs),
            batch_size=self.batch_size,
            activation_fn=torch.nn.Identity(),
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return softmax(np.asarray(logits, dtype=np.float64).reshape(len(pairs), -1))

    def classify_pairs(self, pairs: Sequence[tuple[str, str]]) -> list[tuple[str | None, float]]:
        """Label pairs 'supports', 'attacks' or None (neutral or below ``min_confidence``)."""
        probs = self.scores(pairs)
        out: list[tuple[str | None, float]] = []
        for row in probs:
            k = int(np.argmax(row))
            label = self._labels[k]
            conf = float(row[k])
            out.append((label if conf >= self.min_confidence else None, round_conf(conf)))
        return out

    def relate(self, document: Document, extraction: Extraction) -> list[Relation]:
        claims = extraction.claims
        pairs = candidate_pairs(len(claims), extraction.central_index(), self.previous)
        if not pairs:
            return []
        ids = [c.id for c in claims]
        labels = self.classify_pairs([(claims[i].text, claims[j].text) for i, j in pairs])
        best: dict[int, tuple[int, str, float]] = {}
        for (i, j), (label, conf) in zip(pairs, labels, strict=True):
            if label is None:
                continue
            if i not in best or conf > best[i][2]:
                best[i] = (j, label, conf)
        return [
            Relation(ids[i], ids[j], label, conf, STAGE)
            for i, (j, label, conf) in sorted(best.items())
        ]
