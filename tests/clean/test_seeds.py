"""The five real seed articles in ../shared/seeds (read at run time, never copied here).

Lines are pinned by the first 16 hex digits of sha1 of the whitespace-normalised line:
`lose` maps each junk line of the seed to the reason it must go with; `keep` lists the
paragraphs the cleaned text must contain exactly once (a wire dateline is article text and stays at
the start of its paragraph: "(MENAFN) Ukrainian President …").
"""
import hashlib
import re
from pathlib import Path

import pytest

from quotetrail.clean import clean_text

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

PINS = {
    "000": {
        "lose": {
            "ef356c285b97bca1": "title",
            "36a2bc0db75b87b5": "boilerplate:legal",
            "b7251171e583db30": "boilerplate:legal",
            "fab930a09596c5f9": "boilerplate:legal",
            "fc464aef43f02ae3": "boilerplate:legal",
            "3ea51f1e822773c8": "boilerplate:legal",
            "0363aa028c8719fe": "boilerplate:legal",
            "ca8aed0072fe756a": "boilerplate:legal",
            "ec45c8934ed16f7e": "related-links",
            "edf28389c1fc618b": "related-links",
            "3e2faee94e0db8e3": "related-links",
            "e0fb6afc6c14b7ca": "related-links",
            "4b5411e6c18392a2": "related-links",
            "8f464e44557034e2": "related-links",
            "1964f479599ca6fb": "related-links",
            "1735747a96585013": "related-links",
            "fce06e20e5f7f74a": "comments",
            "8e785c90be278cb5": "comments",
        },
        "keep": [
            "5fcefab72d3bfd33", "c50f25afb06f071d", "4ba59ab278038b7b", "b9500dc034a68908",
            "d213260769fae230", "0ef1f6fd78e572fe", "f6db20e0d4a6abb7", "391aeca91a7f5266",
            "6025299c09d7cc76", "d254fa2cb0be7385",
        ],
    },
    "001": {
        "lose": {
            "3de23b083912a5db": "title",
            "a0b1934228f47bad": "boilerplate:ui",
        },
        "keep": [
            "10660e46f63fff7b", "17c28bfa2f48978a",  # the glued standfirst, split (clean/glued.py)
            "5cb53f45146df54f", "8f239f2d133366db", "6666f0cfdd1761a2",
            "fdd43818fca8cf8f", "b4cbea535b6ea26e", "62b2c741df8ca019", "5a4fa72842c7d32a",
            "362a0e6aa2ee7981",
        ],
    },
    "002": {
        "lose": {
            "f38977b86061d8f4": "title",
            "e49e3d3259aade03": "related-links",
            "9a8ea45915f981e8": "related-links",
            "6e953f8616fe15b6": "related-links",
            "154c513f1272b7f8": "related-links",
            "c2b9cd1e912c3906": "related-links",
            "5889a4704a89565f": "related-links",
            "26298d70003ebebf": "boilerplate:cookie",
        },
        "keep": [
            "10e8b0ab2467cf59", "da2ec0768088b837", "cc578eef3e3c8ff5", "55423db08689aae4",
            "2158a8d16cd4216b", "84f4c5e59f129b02", "4a13b04f42a1f881", "101c20dc77215b1d",
            "ae6fbfbe92625712", "1cfa193a69b0e7c4", "db73c623ec4db6da", "c8c0424363c1f528",
            "84303d0e7a923ef5", "8a0d14454a8cd548", "f2920ea462982751", "19118bbeab22b325",
            "6e4392707d3cdfd5", "0aa0c5981b529d3d", "7175e2d771b75b6b",
        ],
    },
    "003": {
        "lose": {
        },
        "keep": [
            "13b3e7cd6644ff14", "7624425e608e82f0", "136f56a7ed161ddb", "8f201ad550ddd123",
            "f668e7dd68f9ef88", "d9e5fa801c97c9fe", "eba2998f3542d190", "0bca72d5bbb80e11",
            "0d1a14b697c10795", "976921cef68e92c5", "7d7109fe5e2148f1", "c9b627270776bf52",
            "12f0390cdc6129a7", "e93f1e971e437d20", "f1617ca098c1612c", "c34b3b84f8abbc8f",
            "dc19cc127e8ad48c", "1880baf150d975bf", "8de7becbf695da57", "c5140bd6cb38acb1",
            "4abf7c50577a5034",
        ],
    },
    "004": {
        "lose": {
            "988eb676c0c593c7": "title",
            "4a7bc004558c7097": "related-links",
            "966573736952c135": "related-links",
            "0ab0c658c32bd9ce": "boilerplate:promo",
            "8e0f30cf270b4ca6": "boilerplate:share",
            "b38a205c19cc0341": "related-links",
            "906bf4add687a410": "related-links",
            "906bf4add687a410": "related-links",
            "95b92a40a6d63e00": "related-links",
            "95b92a40a6d63e00": "related-links",
            "9038585b97761d9d": "related-links",
            "9038585b97761d9d": "related-links",
            "3723daf5bb6500e0": "related-links",
            "3723daf5bb6500e0": "related-links",
            "b7e8c8c0369e407a": "related-links",
            "b7e8c8c0369e407a": "related-links",
            "7d6fae87c760cc68": "related-links",
            "6b1d68f889b02435": "related-links",
            "46fe0e5ca080e7dc": "boilerplate:copyright",
        },
        "keep": [
            "0beeb57f5f247faf", "1cceb81d419f1ef8", "4616f29a6f597d77", "c6556f6cb79d5595",
            "a2172a003606758b", "15afec17369b270e", "18983e57117099be", "2888b8a63e8d56a4",
        ],
    },
}


def line_hash(line: str) -> str:
    return hashlib.sha1(" ".join(line.split()).encode("utf-8")).hexdigest()[:16]


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed folder {SEEDS} is absent")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} is absent")
    return found[0].read_text(encoding="utf-8")


def title_of(raw: str) -> str | None:
    """What the read stage takes for a title: a first line not closed like a sentence."""
    first = next(line for line in raw.splitlines() if line.strip()).strip()
    return None if re.search(r"[.!?][\"”’]?$", first) else first


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    first = needle[0]
    return any(haystack[i] == first and haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


@pytest.fixture(scope="module", params=sorted(PINS))
def cleaned(request):
    raw = seed(request.param)
    return request.param, raw, clean_text(raw, title_of(raw))


def test_junk_lines_are_removed_with_their_reason(cleaned):
    name, raw, result = cleaned
    lose = PINS[name]["lose"]
    out_hashes = [line_hash(line) for line in result.text.split("\n")]
    removed = {}
    for removal in result.removed:
        for line in removal.text.split("\n"):
            removed[line_hash(line)] = removal.reason
    raw_hashes = {line_hash(line) for line in raw.splitlines()}
    assert set(lose) <= raw_hashes, "pins no longer match the seed file"
    for h, reason in lose.items():
        assert h not in out_hashes
        assert removed.get(h) == reason, h
    out_norm = " ".join(result.text.split())
    for line in raw.splitlines():
        if line_hash(line) in lose and len(line.split()) >= 6:
            assert " ".join(line.split()) not in out_norm


def test_kept_paragraphs_appear_exactly_once(cleaned):
    name, _, result = cleaned
    # blank lines between paragraphs are kept as the article had them; every paragraph appears once
    out_hashes = [line_hash(line) for line in result.text.split("\n") if line.strip()]
    for h in PINS[name]["keep"]:
        assert out_hashes.count(h) == 1, h
    assert len(out_hashes) == len(set(out_hashes))
    assert result.text == result.text.lstrip()


def test_no_sentence_of_the_article_is_lost(cleaned):
    name, raw, result = cleaned
    lose = PINS[name]["lose"]
    body = [line for line in raw.splitlines() if line.strip() and line_hash(line) not in lose]
    # A wire dateline "(Outlet) —" is cut off its paragraph on purpose; it is not a sentence.
    body = [re.sub(r"^\s*\([^)]{1,40}\)\s*[—–-]?\s*", "", line) for line in body]
    out_tokens = tokens(result.text)
    sentences = [s for line in body for s in re.split(r"(?<=[.!?])[\"”’]?\s*(?=[“\"‘]?[A-Z])", line)]
    long_sentences = [s for s in sentences if len(tokens(s)) >= 8]
    assert long_sentences
    lost = [s for s in long_sentences if not contains(out_tokens, tokens(s))]
    assert lost == []


def test_repeated_body_text_appears_once(cleaned):
    name, raw, result = cleaned
    out = result.text.split("\n")
    for line in raw.splitlines():
        if len(line.split()) >= 8 and line_hash(line) not in PINS[name]["lose"]:
            assert sum(" ".join(line.split()) in " ".join(o.split()) for o in out) <= 1
