"""The contract of the cross-document linker: a finished, deduplicated map in, the same map
with relations between claims of different documents out. Any object with ``link`` plugs in."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from argmap.model.amap import ArgumentMap


@runtime_checkable
class Linker(Protocol):
    name: str

    def link(self, amap: ArgumentMap) -> ArgumentMap: ...
