"""Typed shapes of the HTTP API (they become the OpenAPI schema at /openapi.json).

Field names follow the export contract of SPEC §3 where the same thing is exported.
"""
from __future__ import annotations

from pydantic import BaseModel, Field


class QuoteOut(BaseModel):
    id: str
    article: str
    source: str | None = None
    kind: str
    text: str
    spans: list[list[int]]
    speaker: str | None = None
    speaker_id: str | None = None
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    cue: str | None = None
    via: str | None = None
    said_on: str | None = None
    said_on_precision: str | None = None
    date_text: str | None = None
    statement: str | None = None
    topics: list[str] = []
    outlet: str | None = Field(None, description="the article's outlet")
    published: str | None = Field(None, description="the article's publication date")
    title: str | None = Field(None, description="the article's title")
    story: str | None = Field(None, description="the article's story")


class PersonOut(BaseModel):
    id: str
    name: str
    kind: str = "person"
    aliases: list[str] = []
    descriptions: list[str] = Field([], description="titles and roles seen")
    quotes: int = 0


class StorySummary(BaseModel):
    id: str
    title: str | None = None
    size: int = Field(description="number of articles")
    outlets: int = Field(description="number of outlets")
    first_published: str | None = None
    last_published: str | None = None


class StoryOut(BaseModel):
    id: str
    title: str | None = None
    articles: list[str]
    outlets: list[str]
    first_published: str | None = None
    last_published: str | None = None
    people: list[str]


class Change(BaseModel):
    op: str = Field(description="replace | insert | delete")
    canonical: str
    variant: str


class VariantOut(BaseModel):
    quote: str
    article: str
    outlet: str | None = None
    published: str | None = None
    text: str
    said_on: str | None = None
    changes: list[Change] = Field([], description="word-level differences from the canonical wording")


class Reported(BaseModel):
    article: str
    outlet: str | None = None
    published: str | None = None


class StatementOut(BaseModel):
    id: str
    speaker_id: str | None = None
    speaker: str | None = None
    text: str = Field(description="canonical wording: the one most outlets carried")
    variants: list[VariantOut]
    first_reported: Reported


class ArticleSummary(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    duplicate_of: str | None = None
    story: str | None = None
    snippet: str | None = Field(None, description="matching words in context, when searching")


class RemovedOut(BaseModel):
    text: str
    reason: str


class SimilarOut(BaseModel):
    id: str
    score: float


class SharedParagraph(BaseModel):
    paragraph: int
    articles: list[str]


class ArticleOut(BaseModel):
    id: str
    source: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    text: str
    removed: list[RemovedOut]
    duplicate_of: str | None = None
    similar: list[SimilarOut]
    story: str | None = None
    shared_paragraphs: list[SharedParagraph]


class SearchOut(BaseModel):
    people: list[PersonOut]
    quotes: list[QuoteOut]
    articles: list[ArticleSummary]


class TimelineVariant(BaseModel):
    quote: str
    article: str
    outlet: str | None = None
    published: str | None = None
    text: str


class TimelineRow(BaseModel):
    statement: str | None
    said_on: str | None = Field(None, description="when it was said, else when first published")
    precision: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    kind: str
    text: str = Field(description="canonical wording")
    topics: list[str]
    outlets: list[str]
    variants: list[TimelineVariant]


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, description="the article's body (junk is cleaned as for any input)")
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="a date, e.g. 2025-03-01")
    author: str | None = None


class SkippedOut(BaseModel):
    source: str
    reason: str


class IngestOut(BaseModel):
    received: int
    stored: int = Field(description="new articles stored")
    already_stored: int
    skipped: list[SkippedOut] = Field([], description="inputs that could not become articles, and why")
    articles: list[ArticleSummary] = Field([], description="the articles this request added")


class ErrorOut(BaseModel):
    """What every error answers under /api (422 has a list of the invalid parameters instead)."""
    detail: str
