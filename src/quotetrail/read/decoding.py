"""Bytes to text: BOM, declared charset, detection, mixed encodings, mojibake, binary sniffing.

charset-normalizer does the detection. Two small pieces are hand-written because no installed
library does them: decoding *mixed* UTF-8/cp1252 bytes (what BeautifulSoup's `detwingle` does) and
repairing UTF-8 that was decoded as cp1252 (what ftfy does, in a much reduced form).
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .limits import BadInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Leading bytes of binary formats people drop into article folders by mistake.
_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF media (e.g. WebP, WAV)"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0", "old Microsoft Office document"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\x04\x22\x4d\x18", "lz4-compressed data"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
)
_CONTROL_BYTES = bytes(sorted(set(range(0, 9)) | set(range(14, 32)) | {127}))


def binary_kind(sample: bytes) -> str | None:
    """A short description when `sample` (the first KBs of an input) is not text, else None."""
    if not sample:
        return None
    for bom, _ in _BOMS:
        if sample.startswith(bom):
            return None
    for magic, kind in _MAGIC:
        if sample.startswith(magic):
            # "MZ"/"ID3"/"RIFF" are short: only trust them when the rest is not plain text either.
            if len(magic) >= 4 or _control_ratio(sample) > 0.01 or b"\x00" in sample:
                return kind
    if len(sample) > 8 and sample[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if b"\x00" in sample:
        if _utf16_order(sample) or _markup_with_stray_nuls(sample):
            return None
        return "binary data (contains NUL bytes)"
    if _control_ratio(sample) > 0.05:
        return "binary data (mostly control bytes)"
    return None


def _markup_with_stray_nuls(sample: bytes) -> bool:
    """An HTML page with a few stray NUL bytes (a bad save or conversion), which browsers and
    lxml-based extractors read: it opens with a tag and NULs are under 1% of its bytes."""
    start = sample.lstrip(b"\xef\xbb\xbf \t\r\n").replace(b"\x00", b"")[:512].lower()
    lowered = sample.lower()
    return (start.startswith(b"<") and any(tag in lowered for tag in (b"<html", b"<head", b"<body"))
            and sample.count(0) < 0.01 * len(sample) and _control_ratio(sample.replace(b"\x00", b"")) < 0.01)


def _control_ratio(sample: bytes) -> float:
    sample = sample[:8192]
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / max(1, len(sample))


def _utf16_order(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when BOM-less bytes look like UTF-16 text (NULs on one side only)."""
    sample = sample[: 8192 - 8192 % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


# cp1252 decoding of every byte, with the five undefined bytes kept as their latin-1 code points.
_CP1252_TABLE = [bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256)]


def _utf8_or_cp1252(error: UnicodeError) -> tuple[str, int]:
    """codecs error handler: bytes that are not valid UTF-8 are read as cp1252 (mixed files)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_CP1252_TABLE[b] for b in bad), error.end


UTF8_CP1252_FALLBACK = "quotetrail-utf8-cp1252"
codecs.register_error(UTF8_CP1252_FALLBACK, _utf8_or_cp1252)

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass
class Decoded:
    text: str
    encoding: str  # the codec used
    note: str | None = None  # set when the result needed a guess, a repair or replacement characters


def normalize_charset(name: str | None) -> str | None:
    """A Python codec name for a declared charset; latin-1/ascii read as cp1252 (as browsers do)."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def html_declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode bytes of unknown encoding. Never raises for text; raises BadInput for binary data.

    Order: BOM, then strict UTF-8 (a non-ASCII text that is valid UTF-8 is almost never anything
    else, and mislabelled pages are common), then the declared charset, then mixed UTF-8/cp1252,
    then charset-normalizer, then UTF-8 with replacement characters.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, "replace")
            return _finish(text, codec, "replacement characters" if "\ufffd" in text else None)
    kind = binary_kind(data[:8192])
    if kind:
        raise BadInput(f"binary content, not text ({kind})")
    utf16 = _utf16_order(data) if b"\x00" in data[:8192] else None
    if utf16:
        text = data.decode(utf16, "replace")
        return _finish(text, utf16, "detected UTF-16 without BOM")
    try:
        return _finish(data.decode("utf-8"), "utf-8", None)
    except UnicodeDecodeError:
        pass
    codec = normalize_charset(declared)
    if codec and codec != "utf-8":
        try:
            return _finish(data.decode(codec), codec, None)
        except UnicodeDecodeError:
            pass
    if _looks_mixed(data):
        # Valid UTF-8 sequences next to invalid bytes: a file stitched from UTF-8 and cp1252 parts.
        text = data.decode("utf-8", UTF8_CP1252_FALLBACK)
        return _finish(text, "utf-8", "mixed UTF-8 and cp1252 bytes")
    detected = _detect(data)
    if detected:
        return _finish(data.decode(detected, "replace"), detected, f"encoding detected as {detected}")
    text = data.decode("utf-8", "replace")
    return _finish(text, "utf-8", "undecodable bytes replaced")


# A Latin-1 symbol or C1 control squeezed between two letters ("Za¿ó³æ") means a cp1252 reading
# of some other code page (here cp1250); real Western text does not do that.
_CP1252_MISFIT = re.compile("[A-Za-z\u00c0-\u00ff][\u0080-\u009f\u00a1-\u00bf\u00d7\u00f7][A-Za-z\u00c0-\u00ff]")


def _looks_mixed(data: bytes) -> bool:
    """Valid UTF-8 sequences for Western/Greek/Cyrillic letters and punctuation amid invalid bytes.

    Other legacy encodings (Shift_JIS, GBK…) also contain byte pairs that happen to be valid UTF-8,
    but those decode to characters news text does not use, so they are not taken for mixed files.
    """
    sequences = _UTF8_MULTIBYTE.findall(data[:200_000])
    return bool(sequences) and all(_plausible_sequence(seq) for seq in sequences)


def _plausible_sequence(seq: bytes) -> bool:
    # The pattern also matches overlong forms and surrogates (E0 9A 9C, ED A0 80), which are not
    # UTF-8 at all: found by benchmarks/fuzz.py.
    try:
        return _plausible(seq.decode("utf-8"))
    except UnicodeDecodeError:
        return False


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    sample = data[:200_000]
    matches = list(from_bytes(sample))
    if not matches:
        return None
    best = matches[0]
    # On short texts charset-normalizer ranks many single-byte code pages about equally and may
    # put cp775 or cp1250 first for plain Western text. cp1252 is the web's default legacy
    # encoding, so it wins whenever it is a near-equal candidate and reads plausibly.
    for match in matches:
        if match.chaos <= best.chaos + 0.05 and "cp1252" in match.could_be_from_charset:
            try:
                text = sample.decode("cp1252")
            except UnicodeDecodeError:
                break
            if not _CP1252_MISFIT.search(text):
                return "cp1252"
            break
    return best.encoding


def _finish(text: str, encoding: str, note: str | None) -> Decoded:
    if text.startswith("\ufeff"):
        text = text[1:]
    if looks_binary_text(text):
        raise BadInput("binary content, not text (mostly control or undecodable characters)")
    repaired, count = repair_mojibake(text)
    if count:
        note = "; ".join(n for n in (note, f"repaired {count} mojibake sequence(s)") if n)
    return Decoded(repaired, encoding, note)


def looks_binary_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    return len(_NON_TEXT_CHARS.findall(sample)) / len(sample) > 0.1


_NON_TEXT_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")


# Characters that cp1252 (or latin-1, for its C1 controls) produces from the bytes 0x80-0xBF, i.e.
# what UTF-8 continuation bytes turn into when UTF-8 is read as cp1252.
_CONT_TO_BYTE = {}
for _b in range(0x80, 0xC0):
    _CONT_TO_BYTE[_CP1252_TABLE[_b]] = _b
    _CONT_TO_BYTE.setdefault(chr(_b), _b)
_CONT = "".join(sorted(_CONT_TO_BYTE))
_CONT_CLASS = "[" + re.escape(_CONT) + "]"
_MOJIBAKE = re.compile(
    f"[\u00c2-\u00df]{_CONT_CLASS}|[\u00e0-\u00ef]{_CONT_CLASS}{{2}}|[\u00f0-\u00f4]{_CONT_CLASS}{{3}}"
)


_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4]")


def _plausible(char: str) -> bool:
    # Only accept repairs into characters news text actually uses, so that a legitimate pair such
    # as "ß“" (which happens to be valid UTF-8 for an N'Ko letter) is left alone.
    code = ord(char)
    return 0xA0 <= code <= 0x24F or 0x370 <= code <= 0x4FF or 0x2000 <= code <= 0x215F or 0x2190 <= code <= 0x21FF


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8-read-as-cp1252 ("â€™" → "’", "Ã©" → "é"); returns (text, repairs made)."""
    if text.isascii() or not _MOJIBAKE_LEAD.search(text) or not _MOJIBAKE.search(text):
        return text, 0
    count = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal count
        chunk = match.group(0)
        raw = bytes([ord(chunk[0])]) + bytes(_CONT_TO_BYTE[c] for c in chunk[1:])
        try:
            fixed = raw.decode("utf-8")
        except UnicodeDecodeError:
            return chunk
        if not _plausible(fixed):
            return chunk
        count += 1
        return fixed

    return _MOJIBAKE.sub(fix, text), count
