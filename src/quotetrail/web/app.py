"""The web app: server-rendered pages and a JSON API over the store built by `quotetrail run`."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from ..store.sqlite import Store

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))  # autoescapes .html


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    duplicate_of: str | None


def create_app(db: str | Path, token: str | None = None) -> FastAPI:
    app = FastAPI(title="quotetrail", description="Who said what, when, and who reported it.")

    def store() -> Store:
        return Store(db, readonly=True)

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request):
        with store() as s:
            articles = list(s.iter_articles(order="published"))
        return TEMPLATES.TemplateResponse(request, "home.html", {"articles": articles})

    @app.get("/api/articles", response_model=list[ArticleSummary])
    def api_articles(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)):
        with store() as s:
            rows = list(s.iter_articles(order="published"))[offset : offset + limit]
        return [ArticleSummary(**{k: getattr(a, k) for k in ArticleSummary.model_fields}) for a in rows]

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str):
        with store() as s:
            article = s.get_article(article_id)
        if article is None:
            raise HTTPException(404, "no such article")
        return article.to_dict()

    return app
