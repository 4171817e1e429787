"""A story's sum of member vectors, kept as arrays of word numbers: the same cosines as the dict
arithmetic it replaced (vectors the tests write)."""
import math

import pytest

from quotetrail.stories import Story, StoryIndex, cosine


def unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()}


A = unit({"harbour": 3.0, "strike": 2.0, "valmora": 4.0, "cranes": 1.0})
B = unit({"harbour": 1.0, "valmora": 2.0, "quay": 2.0, "fruit": 1.0})
C = unit({"tram": 3.0, "fares": 2.0, "brenholt": 4.0})


def summed(*vectors: dict[str, float]) -> dict[str, float]:
    total: dict[str, float] = {}
    for vector in vectors:
        for w, v in vector.items():
            total[w] = total.get(w, 0.0) + v
    return total


def test_a_story_sums_its_members_and_scores_a_new_article_by_cosine_with_its_centroid():
    index = StoryIndex()
    story = Story()
    story.add("a", *index.numbered(A), None)
    story.add("b", *index.numbered(B), None)
    total = summed(A, B)
    assert story.squares == pytest.approx(sum(v * v for v in total.values()))
    new = unit({"valmora": 1.0, "quay": 1.0, "dockers": 1.0})  # "dockers": a word the index has not seen
    expected = cosine(new, total) / math.sqrt(sum(v * v for v in total.values()))
    assert story.similarity(*index.numbered(new)) == pytest.approx(expected)
    assert story.similarity(*index.numbered(C)) == 0.0


def test_two_stories_absorbed_give_the_sum_of_all_their_members():
    index = StoryIndex()
    one, two = Story(), Story()
    one.add("a", *index.numbered(A), 5)
    two.add("b", *index.numbered(B), 3)
    two.add("c", *index.numbered(C), 9)
    assert one.dot(two.terms, two.weights) == pytest.approx(cosine(A, summed(B, C)))
    one.absorb(two)
    assert one.members == ["a", "b", "c"] and one.days == [3, 5, 9]
    assert one.squares == pytest.approx(sum(v * v for v in summed(A, B, C).values()))
    assert list(one.terms) == sorted(one.terms) and len(one.terms) == len(set(A) | set(B) | set(C))


def test_word_numbers_are_stable_and_sorted():
    index = StoryIndex()
    terms, weights = index.numbered({"zeta": 0.5, "alpha": 0.5})
    again, _ = index.numbered({"alpha": 0.1, "zeta": 0.9, "beta": 0.1})
    assert list(terms) == sorted(terms) and list(again) == sorted(again)
    assert set(terms) < set(again) and index.term_number["beta"] == 2
    assert dict(zip(terms.tolist(), weights.tolist())) == {index.term_number["zeta"]: 0.5, index.term_number["alpha"]: 0.5}
