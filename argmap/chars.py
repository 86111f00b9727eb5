"""Characters some formats cannot carry, in one place: every reader and writer that refuses them
names the same set."""

from __future__ import annotations

import re

NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""What XML 1.0 cannot hold, escaped or not: most C0 controls, lone surrogates, U+FFFE/F."""

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair on its own: not text, and no encoder writes it."""
