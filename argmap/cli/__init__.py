"""The ``argmap`` command: parse, call the library, turn library errors into clear messages."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from argmap.cli import add_cmd, build_cmd, eval_cmd, export_cmd, query_cmd, rebuild_cmd
from argmap.errors import ArgmapError

COMMANDS = [build_cmd, add_cmd, rebuild_cmd, query_cmd, export_cmd, eval_cmd]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="argmap",
        description="Turn documents about a contested question into an argument map.",
    )
    from argmap import __version__

    p.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in COMMANDS:
        module.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    args = parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ArgmapError as e:
        print(f"argmap: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("argmap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
