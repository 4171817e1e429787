"""Outlet cues found in the text before its junk is removed: wire datelines, publisher disclaimers,
"more stories on example.com" promos. Each cue is a dict: kind, value, text (the words it came
from) and rule."""
from __future__ import annotations

import re

# "(Bloomberg) — ", "(MENAFN) ", "KYIV, Ukraine (Reuters) - ", "LONDON (AP) — ".
_PAREN_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{1,30}(?:,\s*[A-Z][\w.'\- ]{1,30})?\s+)?"
    r"\((?P<outlet>[A-Z][\w.&'’\- ]{0,30}?)\)\s*(?P<dash>[—–\-]+|:)?\s*(?=[A-Z“\"‘'])"
)
# "WASHINGTON — ", "KYIV, Ukraine — ": a place, or an outlet written in capitals; we cannot tell which.
_CAPS_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\-]{1,}(?: [A-Z][A-Z.'\-]+){0,3}(?:,\s*[A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){0,2})?)"
    r"\s*[—–]+\s*(?=[A-Z“\"‘'])"
)
_DISCLAIMER_OUTLET = re.compile(
    r"\b(?P<outlet>[A-Z][\w.&'’\-]*(?: [A-Z][\w.&'’\-]*){0,3}) (?:provides|publishes|supplies) (?:the|this|all|such) information\b"
)
_SITE = re.compile(
    r"\b(?:available|published|appeared|found|read more) (?:on|at|in) (?:https?://)?(?:www\.)?"
    r"(?P<site>[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\b",
    re.IGNORECASE,
)


# "By Hugh Tennant", "By Ana Ruiz and Li Wei", "By Ana Ruiz, Valmora Courier": a byline line.
_NAME = r"[A-Z][\w'’.\-]+(?: (?:[A-Z][\w'’.\-]+|van|von|de|da|del|der|bin|al-\w+)){1,3}"
BYLINE = re.compile(rf"^by\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)(?:\s*[,|·—–-]\s*(?P<org>[^,.!?]{{1,40}}))?\s*$",
                    re.IGNORECASE)


def byline(text: str) -> str | None:
    """The author names of a byline line, or None."""
    m = BYLINE.match(text.strip())
    if not m or len(text.split()) > 14:
        return None
    names = m.group("names")
    return names if names[0].isupper() else None


def _outlet_name_ok(name: str) -> bool:
    name = name.strip()
    return 0 < len(name.split()) <= 4 and not name.isdigit() and any(ch.isalpha() for ch in name)


def strip_dateline(text: str, lead: bool = True) -> tuple[str, dict | None]:
    """Split a leading wire dateline off a paragraph: (rest, cue) or (text, None).

    Datelines open a story, so only the lead paragraph (`lead`) may have the weak forms: "(AP) "
    without a dash, or a capitalised place. Elsewhere "(Laughter) Thank you" or "RUN-IN HEAD — …"
    are the article's own words.
    """
    m = _PAREN_DATELINE.match(text)
    if m and _outlet_name_ok(m.group("outlet")) and (lead or m.group("dash")):
        prefix = text[: m.end()].rstrip()
        cue = {"kind": "outlet", "value": m.group("outlet").strip(), "text": prefix, "rule": "dateline"}
        if m.group("place"):
            cue["place"] = m.group("place").strip()
        return text[m.end():], cue
    m = _CAPS_DATELINE.match(text)
    if m and lead and len(text) - m.end() > 40:
        prefix = text[: m.end()].rstrip()
        return text[m.end():], {"kind": "dateline", "value": m.group("place").strip(), "text": prefix, "rule": "dateline"}
    return text, None


def text_cues(text: str) -> list[dict]:
    """Cues in a paragraph that is (or may be) junk: disclaimers naming the publisher, site promos."""
    cues = []
    author = byline(text)
    if author:
        cues.append({"kind": "author", "value": author, "text": text.strip(), "rule": "byline"})
    # (the pattern needs "information": the word is looked for first, the pattern is slow)
    for m in _DISCLAIMER_OUTLET.finditer(text) if "information" in text else ():
        if _outlet_name_ok(m.group("outlet")) and m.group("outlet").split()[0] not in {"The", "This", "It", "We"}:
            cues.append({"kind": "outlet", "value": m.group("outlet"), "text": m.group(0), "rule": "disclaimer"})
    for m in _SITE.finditer(text):
        cues.append({"kind": "site", "value": m.group("site").lower(), "text": m.group(0), "rule": "promo"})
    return cues
