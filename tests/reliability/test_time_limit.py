"""A per-article time limit: an article that takes too long is skipped with a reason (or kept
without statements when the slow part is extraction); the run goes on."""
import time

from quotetrail import clean, nlp, pipeline, quotes
from quotetrail.model import RawDocument

TEXT = "Port reopens\nThe harbour master said on Monday that the cranes were running again after the strike."


def doc(name):
    return RawDocument(source=name, kind="text", data=TEXT.encode())


def test_a_slow_article_is_skipped_and_the_batch_goes_on(monkeypatch):
    real_clean = clean.clean_article

    def slow_for_one(article):
        if article.source == "slow.txt":
            time.sleep(3)
        return real_clean(article)

    monkeypatch.setattr(clean, "clean_article", slow_for_one)
    monkeypatch.setenv(pipeline.ARTICLE_SECONDS_ENV, "0.5")
    nlp.load()  # loading the model is not the article's time
    started = time.monotonic()
    results = pipeline.process_batch([doc("fast.txt"), doc("slow.txt"), doc("after.txt")])
    assert time.monotonic() - started < 2.5
    assert isinstance(results[0], pipeline.Processed) and isinstance(results[2], pipeline.Processed)
    assert results[1].source == "slow.txt" and "took longer than 0.5 s" in results[1].reason


def test_slow_extraction_keeps_the_article_without_statements(monkeypatch):
    def slow_extract(doc, article_id=""):
        time.sleep(3)
        return []

    monkeypatch.setattr(quotes, "extract", slow_extract)
    monkeypatch.setenv(pipeline.ARTICLE_SECONDS_ENV, "0.5")
    (result,) = pipeline.process_batch([doc("slow.txt")])
    assert isinstance(result, pipeline.Processed) and result.article.quotes == []
    assert "took longer" in result.article.meta["errors"][0]


def test_the_limit_is_off_at_zero_and_outside_the_main_thread():
    import threading

    with pipeline.time_limit(0):
        time.sleep(0.01)
    done = []
    thread = threading.Thread(target=lambda: done.append(pipeline.time_limit(0.01).__enter__() is None))
    thread.start()
    thread.join()
    assert done == [True]


def _huge(count: int) -> RawDocument:
    paragraphs = [f'"We will rebuild bridge number {i} by spring," Mayor Ines Morrow said.' for i in range(count)]
    return RawDocument(source="huge.txt", kind="text", data=("Bridges\n\n" + "\n\n".join(paragraphs)).encode())


def test_a_huge_article_is_parsed_up_to_the_time_limit_and_kept(monkeypatch):
    monkeypatch.setenv(pipeline.ARTICLE_SECONDS_ENV, "1")
    nlp.load()
    started = time.monotonic()
    (result,) = pipeline.process_batch([_huge(3000)])
    elapsed = time.monotonic() - started
    assert isinstance(result, pipeline.Processed)
    article = result.article
    assert len(article.text) > 200_000 and "bridge number 2999" in article.text  # the text is whole
    (note,) = [e for e in article.meta["errors"] if e.startswith("nlp:")]
    assert "paragraphs only: its parse took longer than 1 s" in note
    assert elapsed < 20, elapsed  # the whole text parsed would take about 10 s, on a quiet machine


def test_a_huge_article_keeps_the_statements_of_the_part_parsed(monkeypatch):
    # cut by size, so that what is found does not depend on the machine's speed
    monkeypatch.setenv(pipeline.ARTICLE_SECONDS_ENV, "0")
    monkeypatch.setattr(pipeline, "MAX_PARSED_CHARS", 20_000)
    (result,) = pipeline.process_batch([_huge(3000)])
    article = result.article
    (note,) = [e for e in article.meta["errors"] if e.startswith("nlp:")]
    assert "paragraphs only: over 20,000 characters" in note
    found = [q for q in article.quotes if q.speaker and "Morrow" in q.speaker]
    assert 200 < len(found) < 300  # about 20,000 characters' worth of the 3,000 statements
    assert found[0].text.startswith("We will rebuild bridge number 0")
    assert all(q.spans[-1][1] <= 20_100 for q in article.quotes)
