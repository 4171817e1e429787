from quotetrail.statements import (best_match, canonical_wording, differences, match_score, normalise,
                                   speaker_key)

FULL = ("The government will not let one port hold the whole country hostage. We respect the right to strike. "
        "But we also have a duty to the farmers, the factories and the shops that depend on this harbour.")


def score(a, b):
    return match_score(normalise(a), normalise(b))


def test_repunctuated_retranslated_and_trimmed_wordings_match():
    assert score("We are ready, and we will talk.", "“We are ready and we will talk”") == 100
    assert score("The government will not let one port hold the whole country hostage",
                 "The government will not allow one port to hold the entire country hostage") >= 78
    assert score("The government will not allow one port to hold the entire country hostage", FULL) >= 78
    assert score("We respect the right to strike", FULL) == 100  # a trimmed part of the same words


def test_different_statements_do_not_match():
    assert score("The government will not let one port decide the fate of the farmers", FULL) < 78
    assert score("We are ready", "We are ready to strike again next week if the offer is not improved") < 78
    assert score("Talks will resume on Monday", "Talks will not resume before Monday") < 90


def test_best_match_picks_the_statement_and_keys_keep_speakers_apart():
    candidates = {"q1": normalise("The port will reopen on Thursday"), "q2": normalise(FULL)}
    assert best_match("the government will not let one port hold the whole country hostage", candidates)[0] == "q2"
    assert best_match("The port will reopen on Thursday morning", candidates)[0] == "q1"
    assert best_match("Something else entirely was said", candidates) is None
    assert speaker_key("p1", "Ivo Brandt") == "p1" and speaker_key(None, "The Ministry") == "?the ministry"


def test_canonical_is_the_most_carried_wording_and_differences_are_words():
    variants = [{"text": "We will not let one port hold the country hostage"},
                {"text": "We will not allow one port to hold the country hostage"},
                {"text": "We will not allow one port to hold the country hostage."}]
    assert canonical_wording(variants) == "We will not allow one port to hold the country hostage"
    assert canonical_wording(variants[:2]) == variants[0]["text"]  # a tie goes to the first reported
    assert differences(variants[1]["text"], variants[0]["text"]) == [
        {"op": "replace", "canonical": "allow", "variant": "let"},
        {"op": "delete", "canonical": "to", "variant": ""},
    ]


from hypothesis import given, settings
from hypothesis import strategies as st

_WORDS = ["the", "port", "will", "reopen", "on", "thursday", "we", "are", "ready", "to", "talk", "cranes", "quay"]
_wordings = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(text=_wordings, others=st.lists(_wordings, max_size=8))
def test_best_match_equals_extract_one_with_the_python_scorer(text, others):
    """best_match scores all candidates at once in C; it must pick what rapidfuzz's extractOne
    with `match_score` picks, ties included."""
    from rapidfuzz import process

    from quotetrail.statements import SAME_WORDING

    candidates = {f"q{n}": t for n, t in enumerate(others)}
    expected = process.extractOne(normalise(text), candidates, scorer=match_score, score_cutoff=SAME_WORDING)
    found = best_match(text, candidates)
    if expected is None:
        assert found is None
    else:
        assert found is not None and found[0] == expected[2] and abs(found[1] - expected[1]) < 1e-9


def test_matcher_reads_each_speaker_once_and_remembers_what_it_assigned():
    from quotetrail.model import Quote
    from quotetrail.statements import StatementMatcher

    reads = []
    stored = {"p1": {"the port will reopen on thursday morning": "s-old"}}

    def read(key):
        reads.append(key)
        return dict(stored.get(key, {}))

    matcher = StatementMatcher(read)

    def q(i, text, speaker="p1"):
        return Quote(id=f"q{i}", article="a", kind="direct", text=text, spans=[(0, 1)], speaker_id=speaker)

    first = [q(1, "The port will reopen on Thursday morning."), q(2, "Nobody will hold the country hostage.")]
    assert matcher.assign(first) == ["p1", "p1"]
    assert first[0].statement == "s-old"
    new_statement = first[1].statement
    assert new_statement != "s-old"
    # a later article: a re-punctuated, slightly changed wording joins this run's new statement
    later = [q(3, "Nobody will hold this country hostage!"), q(4, "Nobody will hold the country hostage.", "p2")]
    matcher.assign(later)
    assert later[0].statement == new_statement
    assert later[1].statement != new_statement  # another speaker's words are another statement
    assert reads == ["p1", "p2"]


_VOCABULARY = _WORDS + ["harbour", "strike", "farmers", "government", "country", "hostage", "duty", "shops",
                        "not", "let", "allow", "whole", "entire", "depend", "this", "monday", "talks"]
_long_wordings = st.lists(st.sampled_from(_VOCABULARY), min_size=3, max_size=30).map(" ".join)


@st.composite
def _wording_and_kin(draw):
    """A long wording and others: unrelated ones, and trimmed parts of it with words changed and
    words added around, so that many pairs score near the cut-offs."""
    words = draw(st.lists(st.sampled_from(_VOCABULARY), min_size=5, max_size=30))
    others = draw(st.lists(_long_wordings, max_size=6))
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(words) - 1))
        part = list(words[start:draw(st.integers(start + 1, len(words)))])
        for _ in range(draw(st.integers(0, 3))):
            part[draw(st.integers(0, len(part) - 1))] = draw(st.sampled_from(_VOCABULARY))
        part = draw(st.lists(st.sampled_from(_VOCABULARY), max_size=4)) + part + draw(
            st.lists(st.sampled_from(_VOCABULARY), max_size=4))
        others.insert(draw(st.integers(0, len(others))), " ".join(part))
    return " ".join(words), others


@settings(max_examples=400, deadline=None)
@given(case=_wording_and_kin())
def test_best_match_skipping_hopeless_trims_still_equals_extract_one(case):
    """Long wordings and their trimmed, changed kin: most unlike pairs are skipped by the
    common-subsequence bound before partial_ratio, and the pick must still be extractOne's."""
    from rapidfuzz import process

    from quotetrail.statements import SAME_WORDING

    text, others = case
    candidates = {f"q{n}": t for n, t in enumerate(others)}
    expected = process.extractOne(text, candidates, scorer=match_score, score_cutoff=SAME_WORDING)
    found = best_match(text, candidates, normalised=True)
    assert (found is None) == (expected is None)
    if expected is not None:
        assert found[0] == expected[2] and abs(found[1] - expected[1]) < 1e-9


@settings(max_examples=500, deadline=None)
@given(a=st.text(alphabet="abcde ", max_size=80), b=st.text(alphabet="abcde ", max_size=80))
def test_partial_ratio_is_bounded_by_the_longest_common_subsequence(a, b):
    """The bound `_best_index` skips pairs by: partial_ratio ≤ 200·L / (m + L), L the longest common
    subsequence and m the shorter length."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import LCSseq

    common, shorter = LCSseq.similarity(a, b), min(len(a), len(b))
    if shorter:
        assert fuzz.partial_ratio(a, b) <= 200 * common / (shorter + common) + 1e-9


def test_a_trimmed_quote_is_found_among_many_unlike_wordings():
    candidates = {f"q{n}": normalise(f"Talks on the harbour budget number {n} will resume after the strike ends")
                  for n in range(300)}
    candidates["full"] = normalise(FULL)
    assert best_match("we also have a duty to the farmers, the factories and the shops", candidates)[0] == "full"
