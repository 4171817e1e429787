"""Candidate gathering: the stories whose recent articles share the most weight of an article's
heaviest words, from the in-memory inverted index (each on vectors the tests write)."""
from quotetrail import stories
from quotetrail.stories import StoryIndex


def put(index: StoryIndex, article: str, story: str, words: dict[str, float]) -> None:
    index.stories.setdefault(story, stories.Story())
    index._add(article, words, None, story)


def test_a_story_counts_a_word_once_however_many_of_its_articles_carry_it(monkeypatch):
    index = StoryIndex()
    for n in range(5):  # five articles of one story share "harbour"
        put(index, f"a{n}", "big", {"harbour": 0.5})
    put(index, "b", "small", {"harbour": 0.5, "crane": 0.3})
    assert index.candidates({"harbour": 0.6, "crane": 0.4}) == ["big", "small"]
    # with room for one, the story sharing both words wins, not the one with five articles
    monkeypatch.setattr(stories, "CANDIDATES", 1)
    assert index.candidates({"harbour": 0.6, "crane": 0.4}) == ["small"]


def test_the_heaviest_shared_words_win_and_ties_go_by_story_id(monkeypatch):
    monkeypatch.setattr(stories, "CANDIDATES", 2)
    index = StoryIndex()
    put(index, "1", "st-c", {"ferry": 1.0})
    put(index, "2", "st-b", {"ferry": 1.0})
    put(index, "3", "st-a", {"kiln": 1.0})
    put(index, "4", "st-d", {"ferry": 1.0, "kiln": 1.0})
    # st-d shares both words; st-b and st-c share "ferry" (0.7) alike: the tie goes to st-b
    assert index.candidates({"ferry": 0.7, "kiln": 0.3}) == ["st-b", "st-d"]
    # weights with 5 decimals sum exactly: 0.1 + 0.2 ties with 0.3 (as floats they do not)
    index2 = StoryIndex()
    put(index2, "1", "st-z", {"x": 1.0, "y": 1.0})
    put(index2, "2", "st-y", {"w": 1.0})
    put(index2, "3", "st-x", {"q": 1.0})
    assert index2.candidates({"w": 0.3, "x": 0.1, "y": 0.2, "q": 0.05}) == ["st-y", "st-z"]


def test_only_the_most_recent_postings_of_a_word_are_read(monkeypatch):
    monkeypatch.setattr(stories, "POSTINGS_PER_TERM", 3)
    index = StoryIndex()
    for n in range(10):
        put(index, f"a{n}", f"story{n}", {"common": 0.5})
    assert index.candidates({"common": 1.0}) == ["story7", "story8", "story9"]


def test_after_a_merge_the_merged_articles_lead_to_the_story_they_joined():
    index = StoryIndex()
    put(index, "x", "sx", {"quill": 1.0})
    put(index, "y", "sy", {"ferry": 1.0})
    index._merge("sx", "sy")
    assert index.story_of["y"] == "sx" and "sy" not in index.stories
    assert index.candidates({"ferry": 1.0}) == ["sx"]


def test_the_index_grows_past_its_first_allocation():
    index = StoryIndex()
    first = len(index.story_at)
    for n in range(first + 10):
        put(index, f"a{n}", f"s{n}", {f"w{n}": 1.0})
    assert index.candidates({f"w{first + 5}": 1.0}) == [f"s{first + 5}"]
    assert index.candidates({"w3": 1.0}) == ["s3"]
