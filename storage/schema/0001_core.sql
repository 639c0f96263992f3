-- Schema version 1: documents, pages, facts and what is derived from facts.
-- Applied once, in a transaction, by storage/src/schema.cc. Never edit a
-- released migration: add the next numbered file instead.

-- One row per file, identified by the SHA-256 of its bytes.
CREATE TABLE documents (
  id                INTEGER PRIMARY KEY,
  sha256            TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  path              TEXT NOT NULL,            -- as given when ingested
  size              INTEGER NOT NULL CHECK (size >= 0),
  pages             INTEGER NOT NULL CHECK (pages >= 0),
  producer          TEXT NOT NULL DEFAULT '',
  metadata          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),  -- creator, title, fonts
  status            TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed')),
  errors            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(errors)),    -- warnings or the failure
  extractor_version TEXT NOT NULL,
  ingested_at       TEXT NOT NULL
);

CREATE TABLE pages (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL CHECK (number >= 1),
  text        TEXT NOT NULL,
  folded_text TEXT NOT NULL,                  -- FoldAccents(text), for search
  route       TEXT NOT NULL CHECK (route IN ('text', 'repaired', 'recovered', 'ocr', 'mixed', 'failed')),
  quality     REAL NOT NULL,
  warnings    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),
  UNIQUE (document_id, number)
);
CREATE INDEX pages_by_route ON pages(route);  -- counts by route without reading the text

CREATE TABLE facts (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: the review log names facts by id
  document_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  fields        TEXT NOT NULL CHECK (json_valid(fields)),   -- {"name": value, ...}
  confidence    REAL NOT NULL,
  page          INTEGER NOT NULL CHECK (page >= 0),
  span_begin    INTEGER NOT NULL,
  span_end      INTEGER NOT NULL CHECK (span_end >= span_begin),
  quote         TEXT NOT NULL,
  rule          TEXT NOT NULL,
  review_status TEXT NOT NULL DEFAULT 'auto'
                CHECK (review_status IN ('auto', 'needs_review', 'accepted', 'corrected', 'rejected'))
);
CREATE INDEX facts_by_document ON facts(document_id);
CREATE INDEX facts_by_kind ON facts(kind, review_status);

-- Places and bodies facts speak about; folded_key = FoldAccents(name), spaces collapsed.
CREATE TABLE entities (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  level      TEXT,                            -- province, district, commune, ministry...; NULL when unknown
  folded_key TEXT NOT NULL UNIQUE
);

-- The indicator catalog (chỉ tiêu). Observations name an indicator by code;
-- a code need not be in the catalog yet.
CREATE TABLE indicators (
  code     TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  unit     TEXT,
  synonyms TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(synonyms))
);

-- One value of an indicator, from an "indicator" fact.
CREATE TABLE observations (
  id             INTEGER PRIMARY KEY,
  fact_id        INTEGER NOT NULL UNIQUE REFERENCES facts(id) ON DELETE CASCADE,
  document_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  entity_id      INTEGER REFERENCES entities(id),
  indicator_code TEXT,
  label          TEXT,
  period_start   TEXT,
  period_end     TEXT,
  period_kind    TEXT,                        -- year, half, quarter, month, range
  value          REAL,
  unit           TEXT,
  numerator      REAL,
  denominator    REAL,
  percent        REAL
);
CREATE INDEX observations_by_indicator ON observations(indicator_code, entity_id, period_start);

-- A task with its deadline, from a "deadline" or "task" fact.
CREATE TABLE tasks (
  id          INTEGER PRIMARY KEY,
  fact_id     INTEGER NOT NULL UNIQUE REFERENCES facts(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  task        TEXT,
  due         TEXT,
  modifier    TEXT,                           -- "trước", "chậm nhất"...
  period_text TEXT,
  recurrence  TEXT,
  lead        TEXT,                           -- the body in charge
  partners    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(partners))
);
CREATE INDEX tasks_by_due ON tasks(due);

-- A cited legal document (Nghị quyết, Quyết định...), from a "reference" fact.
CREATE TABLE doc_references (
  id          INTEGER PRIMARY KEY,
  fact_id     INTEGER NOT NULL UNIQUE REFERENCES facts(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  doc_type    TEXT,
  number      TEXT,
  date        TEXT,
  issuer      TEXT
);
CREATE INDEX doc_references_by_number ON doc_references(number);

-- Every review decision, append-only. fact_id is not a foreign key: the log
-- outlives the facts it speaks about. before/after are JSON values.
CREATE TABLE review_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  fact_id INTEGER NOT NULL,
  field   TEXT NOT NULL,
  before  TEXT NOT NULL CHECK (json_valid(before)),
  after   TEXT NOT NULL CHECK (json_valid(after))
);
CREATE INDEX review_log_by_fact ON review_log(fact_id);
CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
BEGIN
  SELECT RAISE(ABORT, 'review_log is append-only');
END;
CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
BEGIN
  SELECT RAISE(ABORT, 'review_log is append-only');
END;
