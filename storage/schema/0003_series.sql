-- Schema version 3: entities with their level, indicator lookup by label,
-- and the indexes `baocao series` and `baocao deadlines` read.

-- "huyện Thọ Xuân": level "huyện", name_key "tho xuan" (the name without
-- the level word, folded). folded_key (version 1) is then "huyen tho xuan".
ALTER TABLE entities ADD COLUMN name_key TEXT;
CREATE INDEX entities_by_name_key ON entities(name_key);

-- The folded label (FoldAccents, punctuation and runs of spaces made one
-- space): observations without a catalog code are found by it.
ALTER TABLE observations ADD COLUMN label_key TEXT;
CREATE INDEX observations_by_label ON observations(label_key, entity_id, period_start)
  WHERE indicator_code IS NULL;

-- Every (code, label) seen in observations, once: what an indicator query
-- is matched against besides the catalog. code is '' for observations
-- without one. Never shrinks: a label whose observations are gone matches
-- an empty series.
CREATE TABLE indicator_labels (
  code      TEXT NOT NULL,
  label_key TEXT NOT NULL,
  label     TEXT NOT NULL,
  PRIMARY KEY (code, label_key)
) WITHOUT ROWID;

-- Review queue: facts needing review, lowest confidence first.
CREATE INDEX facts_by_review ON facts(review_status, confidence);
