-- dateline's database. Documents and stories are stored once; everything the coder
-- wrote is stored per *coding* (one run of the dictionaries over the documents), so a
-- re-coding is built beside the current one and replaces it in one transaction.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- A story: reports that tell the same story (near-duplicates). `signature` is the
-- MinHash signature of its first report, the one later reports are compared with.
CREATE TABLE stories (
    id         INTEGER PRIMARY KEY,
    signature  BLOB,
    documents  INTEGER NOT NULL DEFAULT 0
);

-- LSH bands of the stories' reports: a band key and a story holding it.
CREATE TABLE story_bands (
    band     INTEGER NOT NULL,
    story_id INTEGER NOT NULL REFERENCES stories(id),
    PRIMARY KEY (band, story_id)
) WITHOUT ROWID;

-- A document as read: the text once, the input's metadata, where it came from.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    content_hash  TEXT NOT NULL UNIQUE,     -- SHA-256 of the text
    record_id     TEXT NOT NULL,            -- the input's id (JSONL id, file name)
    origin        TEXT NOT NULL,            -- path, path:line, path#item, path@offset
    format        TEXT NOT NULL,
    title         TEXT,
    lead          TEXT,
    url           TEXT,
    site          TEXT,
    author        TEXT,
    language      TEXT,
    source_name   TEXT,                     -- site, else the URL's host, else the wire agency
    given_date    TEXT,                     -- the date the input gives, as given
    default_date  TEXT,                     -- --date at ingest, for records without one
    extracted     INTEGER NOT NULL,         -- 1: the text is an article body extracted from markup
    warnings      TEXT NOT NULL,            -- JSON array of the reader's warnings
    text          TEXT NOT NULL,
    bytes         INTEGER NOT NULL,
    story_id      INTEGER NOT NULL REFERENCES stories(id),
    similarity    REAL,                     -- to the story's first report; NULL for that one
    ingested_at   TEXT NOT NULL
);
CREATE INDEX documents_story ON documents(story_id);
CREATE INDEX documents_source ON documents(source_name);

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
-- Terms kept in memory before they are written as a segment (FTS5's default is 1 MB):
-- a batch of ingest is flushed once, not once a megabyte (13% less CPU for the index).
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 8388608);

-- A coding: which dateline and dictionaries coded the documents. Exactly one is
-- 'current' once anything is stored; a 'building' one is a re-coding under way.
CREATE TABLE codings (
    id               INTEGER PRIMARY KEY,
    state            TEXT NOT NULL CHECK (state IN ('current', 'building')),
    dateline_version TEXT NOT NULL,
    dict_version     TEXT NOT NULL,
    place_index      TEXT,
    started_at       TEXT NOT NULL
);

-- What a coding wrote for one document: its document-level readings and every layer
-- (the output model without the text, deflated JSON).
CREATE TABLE coded (
    id               INTEGER PRIMARY KEY,
    coding_id        INTEGER NOT NULL REFERENCES codings(id),
    document_id      INTEGER NOT NULL REFERENCES documents(id),
    published        TEXT,
    published_how    TEXT,
    dateline_place   TEXT,
    not_coded        TEXT,
    tone             REAL,                  -- the document's tone (MentionDocTone)
    dateline_version TEXT NOT NULL,
    dict_version     TEXT NOT NULL,
    sentences        INTEGER NOT NULL,
    layers           BLOB NOT NULL,
    UNIQUE (coding_id, document_id)
);
CREATE INDEX coded_published ON coded(coding_id, published);

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    coding_id   INTEGER NOT NULL,
    document_id INTEGER NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    country     TEXT,
    title       TEXT,
    role        TEXT,
    actor       TEXT,
    org         TEXT,
    mentions    INTEGER NOT NULL,
    FOREIGN KEY (coding_id, document_id) REFERENCES coded(coding_id, document_id)
);

CREATE TABLE places (
    id          INTEGER PRIMARY KEY,
    coding_id   INTEGER NOT NULL,
    document_id INTEGER NOT NULL,
    name        TEXT NOT NULL,
    geonames_id INTEGER,
    country     TEXT,
    admin1      TEXT,
    lat         REAL,
    lon         REAL,
    precision   TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    FOREIGN KEY (coding_id, document_id) REFERENCES coded(coding_id, document_id)
);

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    coding_id     INTEGER NOT NULL,
    document_id   INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    speaker       TEXT,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    FOREIGN KEY (coding_id, document_id) REFERENCES coded(coding_id, document_id)
);

CREATE TABLE amounts (
    id          INTEGER PRIMARY KEY,
    coding_id   INTEGER NOT NULL,
    document_id INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    value       REAL NOT NULL,
    unit        TEXT NOT NULL,
    FOREIGN KEY (coding_id, document_id) REFERENCES coded(coding_id, document_id)
);

-- An event, aggregated across the reports of a story as GDELT aggregates: one row per
-- (story, code, source, target, place, flags), with its counts. '' stands for "none"
-- in the key columns, so that the key is unique.
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    coding_id       INTEGER NOT NULL REFERENCES codings(id),
    story_id        INTEGER NOT NULL REFERENCES stories(id),
    code            TEXT NOT NULL,
    root            TEXT NOT NULL,
    base_code       TEXT NOT NULL,
    name            TEXT,
    plover          TEXT,
    quad_class      INTEGER,
    goldstein       REAL,
    source_code     TEXT NOT NULL,
    source_country  TEXT,
    source_role     TEXT,
    source_name     TEXT,
    target_code     TEXT NOT NULL,
    target_country  TEXT,
    target_role     TEXT,
    target_name     TEXT,
    place_key       TEXT NOT NULL,
    place_name      TEXT,
    place_country   TEXT,
    place_lat       REAL,
    place_lon       REAL,
    place_precision TEXT,
    negated         INTEGER NOT NULL,
    hypothetical    INTEGER NOT NULL,
    future          INTEGER NOT NULL,
    date            TEXT,                  -- the earliest date its reports give it
    is_root         INTEGER NOT NULL,      -- told in a report's headline or lead sentence
    num_mentions    INTEGER NOT NULL,
    num_articles    INTEGER NOT NULL,
    num_sources     INTEGER NOT NULL,
    tone_sum        REAL NOT NULL DEFAULT 0, -- AvgTone = tone_sum / tone_n over the reports that tell it
    tone_n          INTEGER NOT NULL DEFAULT 0,
    UNIQUE (coding_id, story_id, code, source_code, target_code, place_key, negated, hypothetical, future)
);
CREATE INDEX events_date ON events(coding_id, date);
CREATE INDEX events_code ON events(coding_id, code);

-- The sources that reported an event (for NumSources).
CREATE TABLE event_sources (
    event_id INTEGER NOT NULL REFERENCES events(id),
    source   TEXT NOT NULL,
    PRIMARY KEY (event_id, source)
) WITHOUT ROWID;

-- One report of an event: where in which document, with every offset and the
-- evidence the coder kept.
CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL REFERENCES events(id),
    coding_id      INTEGER NOT NULL,
    document_id    INTEGER NOT NULL,
    idx            INTEGER NOT NULL,       -- the event's place in the document's list
    sentence       INTEGER NOT NULL,
    start          INTEGER NOT NULL,       -- the sentence (the evidence)
    end            INTEGER NOT NULL,
    action_start   INTEGER NOT NULL,       -- the first word the pattern matched
    action_end     INTEGER NOT NULL,
    source_start   INTEGER,
    source_end     INTEGER,
    source_via     TEXT,
    target_start   INTEGER,
    target_end     INTEGER,
    target_via     TEXT,
    date           TEXT,
    date_why       TEXT,
    mode           TEXT,
    symmetric      INTEGER NOT NULL,
    retold         INTEGER NOT NULL,       -- other sentences telling it in the same words
    confidence     REAL NOT NULL,
    rule_file      TEXT NOT NULL,
    rule_line      INTEGER NOT NULL,
    rule_entry     TEXT NOT NULL,
    FOREIGN KEY (coding_id, document_id) REFERENCES coded(coding_id, document_id)
);
CREATE INDEX mentions_event ON mentions(event_id);
CREATE INDEX mentions_doc ON mentions(coding_id, document_id);
