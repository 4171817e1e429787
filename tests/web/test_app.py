from fastapi.testclient import TestClient

from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article
from quotetrail.store.sqlite import Store
from quotetrail.web.app import create_app


def test_home_lists_articles_with_text_escaped(tmp_path):
    db = tmp_path / "s.db"
    store = Store(db)
    hostile = Article(source="x.txt", raw="r", text="Body", title='<script>alert(1)</script> "onmouseover=x',
                      outlet="Valmora Post", published="2025-03-01")
    with store.transaction():
        store.add_articles([(hostile, fingerprints(["Body"])[0])])
    store.close()
    client = TestClient(create_app(db))
    page = client.get("/")
    assert page.status_code == 200 and "Valmora Post" in page.text
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;" in page.text
    api = client.get("/api/articles").json()
    assert api[0]["title"].startswith("<script>") and api[0]["outlet"] == "Valmora Post"
    assert client.get("/api/articles/nope").status_code == 404
