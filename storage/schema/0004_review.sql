-- Schema version 4: what a reviewer needs beside the fact itself, and
-- revisions so that two reviewers do not overwrite each other's decisions.

-- The page's size in points and its words as compact JSON: per word
-- [x0, y0, x1, y1, span_begin, span_end, source, confidence], the box
-- rounded to 0.01 pt and the confidence to 3 digits; the word's text is
-- the page text at its span. repairs: the changes normalize made to the
-- text, [{"pass", "detail", "span": [b, e], "before", "confidence",
-- "alternatives"}]. Pages stored before version 4 have 0, 0, [] and [].
ALTER TABLE pages ADD COLUMN width REAL NOT NULL DEFAULT 0;
ALTER TABLE pages ADD COLUMN height REAL NOT NULL DEFAULT 0;
ALTER TABLE pages ADD COLUMN words TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(words));
ALTER TABLE pages ADD COLUMN repairs TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(repairs));

-- revision: how many review decisions (undos included) the fact has had;
-- a decision made on an older revision is refused. review_reasons: why the
-- rules want a person to look at it (JSON list of words).
ALTER TABLE facts ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);
ALTER TABLE facts ADD COLUMN review_reasons TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(review_reasons));

-- The fact revision a decision made: the rows of one decision share it, so
-- an undo finds them. 0 for decisions logged before version 4.
ALTER TABLE review_log ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- The review queue of one document, lowest confidence first.
CREATE INDEX facts_to_review_by_document ON facts(document_id, confidence)
  WHERE review_status = 'needs_review';
