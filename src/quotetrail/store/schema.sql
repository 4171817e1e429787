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

-- stories: per-article TF-IDF vectors as weighted on arrival, and word counts (the next run rebuilds
-- its in-memory index and document frequencies from these). story_terms is no longer written.
CREATE TABLE IF NOT EXISTS story_vectors (article TEXT PRIMARY KEY, vector TEXT NOT NULL, counts TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_terms (term TEXT NOT NULL, seq INTEGER NOT NULL, article TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS story_terms_term ON story_terms (term, seq);
CREATE INDEX IF NOT EXISTS articles_story ON articles (story);

-- outlets: the display name seen for each web domain, so an article that names its outlet only by
-- domain ("example-news.com") is shown under the name other articles from that domain give
CREATE TABLE IF NOT EXISTS outlets (domain TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;

-- statement_days: one summary row per statement, kept up to date by triggers on quotes, so a
-- person's page and timeline read one row per statement (a head of government has thousands, with
-- tens of thousands of quotes) instead of grouping every quote at each request. "Earliest variant"
-- is the quote said first (ties and undated: the first stored).
CREATE TABLE IF NOT EXISTS statement_days (
    statement  TEXT PRIMARY KEY,
    speaker_id TEXT,
    speaker    TEXT,                    -- as written in the earliest variant
    said       TEXT,                    -- the earliest date said of any variant
    published  TEXT,                    -- the earliest publication date of an article carrying it
    topics     TEXT NOT NULL DEFAULT '[]',  -- the earliest variant's
    variants   INTEGER NOT NULL,        -- quotes carrying it
    first_seq  INTEGER NOT NULL,        -- the earliest variant's quotes.seq
    day        TEXT                     -- COALESCE(said, published): when said, else when first reported
) WITHOUT ROWID;
-- covering: a person's page reads its rows from the index alone, already in the order said
CREATE INDEX IF NOT EXISTS statement_days_speaker
    ON statement_days (speaker_id, day, first_seq, said, variants, topics, statement);
CREATE TRIGGER IF NOT EXISTS statement_days_insert AFTER INSERT ON quotes WHEN new.statement IS NOT NULL BEGIN
    -- the counts, and the earliest publication
    INSERT INTO statement_days (statement, speaker_id, speaker, said, published, topics, variants, first_seq, day)
    SELECT new.statement, new.speaker_id, new.speaker, new.said_on, published, new.topics, 1, new.seq,
           COALESCE(new.said_on, published)
    FROM (SELECT (SELECT published FROM articles WHERE id = new.article) AS published) WHERE true
    ON CONFLICT (statement) DO UPDATE SET
        variants = variants + 1,
        published = CASE WHEN published IS NULL OR excluded.published < published
                         THEN excluded.published ELSE published END,
        day = COALESCE(said, CASE WHEN published IS NULL OR excluded.published < published
                                  THEN excluded.published ELSE published END);
    -- a variant said earlier than the others becomes the earliest variant
    UPDATE statement_days SET speaker = new.speaker, said = new.said_on, topics = new.topics, first_seq = new.seq,
                              day = new.said_on
    WHERE statement = new.statement AND first_seq != new.seq AND new.said_on IS NOT NULL
          AND (said IS NULL OR new.said_on < said);
END;
-- quotes are never deleted today; if they ever are, the summary of their statement is recomputed
CREATE TRIGGER IF NOT EXISTS statement_days_delete AFTER DELETE ON quotes WHEN old.statement IS NOT NULL BEGIN
    DELETE FROM statement_days WHERE statement = old.statement;
    INSERT INTO statement_days (statement, speaker_id, speaker, said, published, topics, variants, first_seq, day)
    SELECT statement, speaker_id, speaker, said_on, first_published, topics, n, seq,
           COALESCE(said_on, first_published) FROM (
        SELECT q.statement, q.speaker_id, q.speaker, q.said_on, q.topics, q.seq,
               COUNT(*) OVER whole AS n, MIN(a.published) OVER whole AS first_published,
               ROW_NUMBER() OVER (ORDER BY q.said_on IS NULL, q.said_on, q.seq) AS rank
        FROM quotes q LEFT JOIN articles a ON a.id = q.article WHERE q.statement = old.statement
        WINDOW whole AS ())
    WHERE rank = 1;
END;
-- the index the person page grouped quotes from before statement_days
DROP INDEX IF EXISTS quotes_speaker_statement;

-- wordings: each distinct wording (`statements.normalise`: case, punctuation and spacing folded) a
-- speaker has been quoted with, and its statement, in the order first seen. A new quote is matched
-- against these, not against every stored copy of them: wire copies repeat the same words.
CREATE TABLE IF NOT EXISTS wordings (
    speaker_key TEXT NOT NULL,
    wording     TEXT NOT NULL,
    statement   TEXT NOT NULL,
    UNIQUE (speaker_key, wording)
);

-- inputs already processed, with the size and mtime of their file: a re-run or a resumed run skips
-- them before any parsing
CREATE TABLE IF NOT EXISTS done (source TEXT PRIMARY KEY, stamp TEXT NOT NULL) WITHOUT ROWID;

-- analyses: what the NLP stages found in each distinct clean text (quotes, speakers in the article,
-- topics; no ids or dates), by a hash of the exact clean text, so a later word-for-word copy (a wire
-- story another outlet republished) takes it instead of being parsed again
CREATE TABLE IF NOT EXISTS analyses (text_key TEXT PRIMARY KEY, analysis TEXT NOT NULL) WITHOUT ROWID;
