from __future__ import annotations

import pytest

from quotetrail.dates import dateline_date


@pytest.mark.parametrize("text, published, expected", [
    ("Port deal signed\nVALMORA, March 3 (CPA) — The union agreed.", "2025-03-03", "2025-03-03"),
    ("VALMORA/DRAVNIK, March 5 (CPA) — The minister spoke.", "2025-03-05", "2025-03-05"),
    ("(MNW) VALMORA, March 3 (CPA) — Workers walked out.", "2025-03-03", "2025-03-03"),
    # a wire dateline a day after the page's date, across a new year
    ("KYIV, Jan 1 (Wire) - Sirens sounded.", "2024-12-31", "2025-01-01"),
    ("Dravnik, Dec. 31 (CPA) — Fireworks.", "2025-01-01", "2024-12-31"),
    ("March 3, 2025 — The strike began.", None, "2025-03-03"),
    ("Strike begins\nBy Ada Roe\nPublished: 3 March 2025 10:15 GMT\nThe strike began.", None, "2025-03-03"),
    ("Strike begins\nUpdated on Mon 3 Mar 2025\nText.", None, "2025-03-03"),
    ("Strike begins\n2025-03-03\nText.", None, "2025-03-03"),
    ("Strike begins\nMarch 3, 2025 at 10:15 a.m.\nText.", None, "2025-03-03"),
])
def test_dateline_found(text, published, expected):
    assert dateline_date(text, published) == expected


@pytest.mark.parametrize("text, published", [
    ("VALMORA, March 3 (CPA) — The union agreed.", None),  # no year and nothing to resolve against
    ("Strike begins\nOn March 3 the union walked out.", "2025-03-05"),  # a sentence, not a dateline
    ("Strike begins\nThe talks of March 3, 2025 — a failure — ended.", None),
    ("One\nTwo\nThree\nFour\nMarch 3, 2025 — late.", None),  # too far down to be a dateline
    ("", "2025-03-03"),
])
def test_no_dateline(text, published):
    assert dateline_date(text, published) is None
