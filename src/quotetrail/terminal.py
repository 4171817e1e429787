"""Untrusted text made safe for a terminal.

Everything quotetrail prints comes from its inputs: titles, quotes, names, file names. A terminal
obeys the control sequences such text may carry (a CSI can rewrite or hide what was printed, an
OSC 52 writes the user's clipboard, a carriage return overprints a line), and rich reads square
brackets as its own markup (`[/x]` raises, `[bold]` restyles). So text reaches the terminal as
`rich.text.Text` (never parsed as markup), with control sequences and characters removed.
"""
from __future__ import annotations

import json
import re
from typing import Any

from rich.text import Text

# ESC-introduced sequences (CSI "ESC [ … final", OSC "ESC ] … BEL or ESC \", DCS/SOS/PM/APC
# "ESC P|X|^|_ … ESC \", and two-byte ones), their one-byte C1 forms (CSI 0x9b, OSC 0x9d, DCS
# 0x90…), and the control characters themselves, tab and newline aside (they only lay text out).
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
_C1 = re.compile(r"[\x7f-\x9f]")


def plain(value: Any) -> str:
    """`value` as a string without terminal control sequences or control characters."""
    return _CONTROL.sub("", "" if value is None else str(value))


def text(*parts: str | tuple[str, str]) -> Text:
    """A line for the terminal from untrusted parts; a (string, style) pair is styled, and its
    string is trusted (quotetrail's own words)."""
    line = Text()
    for part in parts:
        if isinstance(part, tuple):
            line.append(part[0], style=part[1])
        else:
            line.append(plain(part))
    return line


def json_line(row: Any) -> str:
    """`row` as one line of JSON that is safe on a terminal and still the same data: json escapes
    C0 controls (ESC among them) but not DEL and the C1 range (0x9b is a CSI to some terminals)."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(row, ensure_ascii=False))
