"""A wire story republished word for word is parsed once: later copies take the stored analysis
(quotes, speakers, topics) and are dated by their own publication date."""
from __future__ import annotations

import json

import pytest

from quotetrail import nlp, pipeline
from quotetrail.engines.local import LocalEngine
from quotetrail.store.sqlite import Store

BODY = ("Harbour master Ines Morrow said yesterday that the north quay would reopen in May.\n\n"
        "\"We have waited long enough for the cranes,\" Morrow told reporters at the port.\n\n"
        "Dock workers welcomed the plan, union steward Teodor Brunvik said.")
# each outlet's copy carries its own web furniture, which cleaning removes
COPIES = [("Carvessan Press Agency", "2025-03-05", "Read more: Crane repairs finished at the south dock"),
          ("Lowmere Courier", "2025-03-07", "Read more: New ferry timetable from April"),
          ("Tessaly Evening Post", "2025-03-09", "Read more: Ferry fares rise again")]


def write_corpus(folder):
    folder.mkdir()
    with open(folder / "wire.jsonl", "w", encoding="utf-8") as out:
        for n, (outlet, published, junk) in enumerate(COPIES):
            paragraphs = BODY.split("\n\n")
            # the furniture sits at the end, between paragraphs, or at the end of a file ending in a newline
            text = "\n\n".join(paragraphs + [junk] if n != 1 else paragraphs[:1] + [junk] + paragraphs[1:])
            text += "\n" if n == 2 else ""
            out.write(json.dumps({"url": f"https://outlet{n}.example/quay", "outlet": outlet, "published": published,
                                  "title": "North quay to reopen in May", "text": text}) + "\n")
    return folder


@pytest.fixture()
def parsed_texts(monkeypatch):
    seen: list[str] = []
    real = nlp.parse

    def counting(model, texts, **kwargs):
        texts = list(texts)
        seen.extend(texts)
        return real(model, texts, **kwargs)

    monkeypatch.setattr(nlp, "parse", counting)
    return seen


def quotes_by_outlet(store):
    out = {}
    for article in store.iter_articles():
        out[article.outlet] = [(q.text, q.spans, q.speaker, q.speaker_id, q.kind, q.topics, q.said_on, q.statement)
                               for q in store.quotes_of(article.id)]
    return out


@pytest.mark.parametrize("batch_size", [1, 32])  # copies in later batches (from the store), or in the same one
def test_copies_are_parsed_once_and_dated_by_their_own_publication(tmp_path, parsed_texts, batch_size):
    store = Store(tmp_path / "s.db")
    summary = pipeline.run([str(write_corpus(tmp_path / "in"))], store, engine=LocalEngine(workers=1),
                           batch_size=batch_size)
    assert len(parsed_texts) == 1  # three articles, one distinct clean text
    assert summary.analyses_reused == 2
    found = quotes_by_outlet(store)
    original = found["Carvessan Press Agency"]
    assert len(original) == 3 and all(q[3] for q in original)  # every quote has its speaker
    for outlet, published, _ in COPIES:
        copy = found[outlet]
        assert [q[:6] for q in copy] == [q[:6] for q in original]  # same quotes, offsets, speakers, topics
        assert [q[7] for q in copy] == [q[7] for q in original]  # one statement each, across the copies
    # "said yesterday": the day before each copy's own publication
    assert [found[o][0][6] for o, _, _ in COPIES] == ["2025-03-04", "2025-03-06", "2025-03-08"]
    store.close()


def test_reuse_gives_what_parsing_every_copy_gives(tmp_path, parsed_texts):
    corpus = write_corpus(tmp_path / "in")
    reused = Store(tmp_path / "reused.db")
    pipeline.run([str(corpus)], reused, batch_size=1)
    parsed_texts.clear()
    separate = {}
    for n, (outlet, _, _) in enumerate(COPIES):  # each copy alone in its own store: really parsed
        store = Store(tmp_path / f"alone{n}.db")
        lines = (corpus / "wire.jsonl").read_text(encoding="utf-8").splitlines()
        (tmp_path / f"one{n}").mkdir()
        (tmp_path / f"one{n}" / "wire.jsonl").write_text(lines[n] + "\n", encoding="utf-8")
        pipeline.run([str(tmp_path / f"one{n}")], store)
        separate[outlet] = [q[:7] for q in quotes_by_outlet(store)[outlet]]
        store.close()
    assert len(parsed_texts) == 3
    assert {o: [q[:7] for q in qs] for o, qs in quotes_by_outlet(reused).items()} == separate
    reused.close()
