-- quotetrail store, schema version 1. Every statement is idempotent (IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,  -- arrival order; FTS rowid
    id           TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL,
    url          TEXT,
    outlet       TEXT,
    title        TEXT,
    author       TEXT,
    published    TEXT,
    text         TEXT NOT NULL,
    raw          TEXT NOT NULL,
    removed      TEXT NOT NULL DEFAULT '[]',  -- JSON list of {text, reason}
    meta         TEXT NOT NULL DEFAULT '{}',  -- JSON
    duplicate_of TEXT,
    story        TEXT,
    added_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles (outlet);
CREATE INDEX IF NOT EXISTS articles_source ON articles (source);

CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;

-- dedup: compact fingerprints, LSH buckets, paragraph hashes, scored pairs
CREATE TABLE IF NOT EXISTS fingerprints (
    article      TEXT PRIMARY KEY REFERENCES articles (id),
    content_hash TEXT NOT NULL,
    minhash      BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS fingerprints_content ON fingerprints (content_hash);
CREATE TABLE IF NOT EXISTS lsh (key INTEGER NOT NULL, article TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS lsh_key ON lsh (key);
CREATE TABLE IF NOT EXISTS paragraphs (hash INTEGER NOT NULL, article TEXT NOT NULL, idx INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS paragraphs_hash ON paragraphs (hash);
CREATE INDEX IF NOT EXISTS paragraphs_article ON paragraphs (article);
CREATE TABLE IF NOT EXISTS similar (
    a TEXT NOT NULL, b TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS similar_b ON similar (b);

-- runs and what each skipped, so a user can audit a run afterwards
CREATE TABLE IF NOT EXISTS runs (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    started  TEXT NOT NULL,
    finished TEXT,
    inputs   TEXT NOT NULL,
    summary  TEXT
);
CREATE TABLE IF NOT EXISTS skipped (run INTEGER NOT NULL, source TEXT NOT NULL, reason TEXT NOT NULL);

-- quotes: one row per statement found; offsets are into articles.text
CREATE TABLE IF NOT EXISTS quotes (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,  -- FTS rowid
    id                TEXT NOT NULL UNIQUE,
    article           TEXT NOT NULL REFERENCES articles (id),
    kind              TEXT NOT NULL,
    text              TEXT NOT NULL,
    spans             TEXT NOT NULL,  -- JSON [[start, end], ...]
    speaker           TEXT,           -- as resolved in the article; the people table has the canonical name
    speaker_id        TEXT,
    mention           TEXT,
    mention_start     INTEGER,
    mention_end       INTEGER,
    cue               TEXT,
    via               TEXT,
    said_on           TEXT,
    said_on_precision TEXT,
    date_text         TEXT,
    statement         TEXT,
    speaker_key       TEXT,  -- who statements are matched within: speaker_id, else "?" + speaker as written
    topics            TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_id, said_on);
CREATE INDEX IF NOT EXISTS quotes_said_on ON quotes (said_on);
CREATE INDEX IF NOT EXISTS quotes_speaker_key ON quotes (speaker_key);
CREATE INDEX IF NOT EXISTS quotes_statement ON quotes (statement);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5 (
    text, content = 'quotes', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text) VALUES (new.seq, new.text);
END;
CREATE TRIGGER IF NOT EXISTS quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.seq, old.text);
END;

-- people: the corpus-wide people index, one row per person or organisation (PeopleIndex rows)
CREATE TABLE IF NOT EXISTS people (
    id     TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    kind   TEXT NOT NULL,
    quotes INTEGER NOT NULL DEFAULT 0,
    row    TEXT NOT NULL  -- JSON: aliases, descriptions, counts, articles
);
CREATE INDEX IF NOT EXISTS people_name ON people (name);

-- stories: compact per-article vectors and an inverted index on their top terms
CREATE TABLE IF NOT EXISTS story_vectors (article TEXT PRIMARY KEY, vector TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_terms (term TEXT NOT NULL, seq INTEGER NOT NULL, article TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS story_terms_term ON story_terms (term, seq);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story);

-- outlets: the display name seen for each web domain, so an article that names its outlet only by
-- domain ("example-news.com") is shown under the name other articles from that domain give
CREATE TABLE IF NOT EXISTS outlets (domain TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;

-- web app: a person's statements grouped from the index alone, no sort and no table reads (the
-- person page's timeline and /api/timeline; a head of government can have thousands)
CREATE INDEX IF NOT EXISTS quotes_speaker_statement ON quotes (speaker_id, statement, said_on, topics);

-- inputs already processed, with the size and mtime of their file: a re-run or a resumed run skips
-- them before any parsing
CREATE TABLE IF NOT EXISTS done (source TEXT PRIMARY KEY, stamp TEXT NOT NULL) WITHOUT ROWID;
