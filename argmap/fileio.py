"""Writing files so that a crash never leaves one half-written.

Every file argmap writes (maps, exports) goes to a temp file in the same folder and is renamed
over the target: readers see the old file or the new one, never a mix.

Where it writes is checked before any work starts (``check_output``), so a build of an hour is
never lost to a typo in ``-o``: an empty path, a folder, a device, a pipe, or a folder that
cannot be written are refused up front. A symlink is written *through*, to its target (a link
to a device or a pipe, such as ``/proc/self/fd/1``, is refused like the device itself). A
killed writer's temp files are removed by the next save of the same target.

Trained weights are read and written here too (``resource_bytes``, ``save_weights``,
``load_weights``), so every model file is found, checked and saved the same way.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError

STALE_TEMP_SECONDS = 120
"""A temp file of the target untouched for this long belongs to a writer that died."""


class OutputPathError(ArgmapError):
    """Where argmap was asked to write is not somewhere it can write a file."""


def check_output(path: str | Path) -> Path:
    """The file that a save to ``path`` will replace (symlinks followed), or OutputPathError.

    Refuses, with the reason: an empty path, a path naming a folder (or ending in a slash), an
    existing device, pipe or socket (or a link to one), and a target whose folder cannot be
    created or written.
    """
    raw = str(path)
    if not raw.strip():
        raise OutputPathError("the output path is empty")
    if raw.endswith(("/", os.sep)):
        raise OutputPathError(f"{raw}: names a folder; give a file name")
    target = Path(raw)
    if target.is_symlink():
        target = target.resolve()
    if target.exists():
        mode = target.stat().st_mode
        if stat.S_ISDIR(mode):
            raise OutputPathError(f"{raw}: is a folder; give a file name")
        if not stat.S_ISREG(mode):
            what = "a pipe" if stat.S_ISFIFO(mode) else "a device or socket"
            raise OutputPathError(f"{raw}: is {what}, not a regular file; argmap writes files only")
    folder = target.parent
    while not folder.exists():
        if folder.parent == folder:
            break
        folder = folder.parent
    if folder.exists() and not folder.is_dir():
        raise OutputPathError(f"{raw}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputPathError(f"{raw}: cannot write in {folder} (permission denied)")
    return target


def _remove_stale_temps(path: Path) -> None:
    now = time.time()
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        try:
            if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                tmp.unlink()
        except OSError:
            pass


def _default_mode() -> int:
    """What a plain ``open(path, "w")`` would give: 0o666 less the process umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temp file and a rename.

    The temp file is private (0600) while written; the result gets the mode an ordinary write
    would give, or keeps the mode of the file it replaces.
    """
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """:func:`atomic_write_text` for bytes (model weights, vector sidecars)."""
    path = check_output(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = _default_mode()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def file_hash(path: str | Path, length: int = 16) -> str:
    """A short content hash of a file (SHA-256, hex), read in blocks so large weights fit."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:length]


def resource_bytes(path: str | Path) -> bytes:
    """A file's bytes: ``path`` is a file path, or the bare name of a file shipped in
    ``argmap/resources`` (a shipped name always means the shipped file, whatever the working
    directory holds). Raises OSError when neither is there."""
    if isinstance(path, str) and "/" not in path and os.sep not in path:
        shipped = resources.files("argmap.resources").joinpath(path)
        if shipped.is_file():
            return shipped.read_bytes()
    return Path(path).read_bytes()


def save_weights(path: str | Path, arrays: dict[str, Any], meta: dict[str, Any]) -> None:
    """Arrays and a JSON ``meta`` as one compressed ``.npz``, written atomically."""
    import numpy as np

    buf = io.BytesIO()
    raw = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(buf, **arrays, meta=raw)
    atomic_write_bytes(Path(path), buf.getvalue())


def load_weights(
    path: str | Path, what: str, keys: tuple[str, ...]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``keys`` arrays and the meta of a file :func:`save_weights` wrote (a path or a
    shipped name); an unreadable file, or one without them, is an error naming ``what``."""
    import numpy as np

    try:
        data = np.load(io.BytesIO(resource_bytes(path)))
        meta = json.loads(bytes(data["meta"]).decode("utf-8"))
        return {k: data[k] for k in keys}, meta
    except (OSError, ValueError, KeyError) as e:
        raise ArgmapError(f"{path}: cannot read {what} ({e})") from e
