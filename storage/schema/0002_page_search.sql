-- Schema version 2: full-text search over page text.
-- Both the text as extracted and its folded form (no accents, đ -> d,
-- lowercase) are indexed; queries match the folded column and rank pages
-- that also match the accents as typed higher. The index reads its content
-- from `pages` (external content) and the triggers keep it in step.
CREATE VIRTUAL TABLE page_search USING fts5(
  text, folded_text,
  content = 'pages', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER pages_search_insert AFTER INSERT ON pages
BEGIN
  INSERT INTO page_search(rowid, text, folded_text) VALUES (new.id, new.text, new.folded_text);
END;
CREATE TRIGGER pages_search_delete AFTER DELETE ON pages
BEGIN
  INSERT INTO page_search(page_search, rowid, text, folded_text)
  VALUES ('delete', old.id, old.text, old.folded_text);
END;
CREATE TRIGGER pages_search_update AFTER UPDATE ON pages
BEGIN
  INSERT INTO page_search(page_search, rowid, text, folded_text)
  VALUES ('delete', old.id, old.text, old.folded_text);
  INSERT INTO page_search(rowid, text, folded_text) VALUES (new.id, new.text, new.folded_text);
END;

-- Pages stored under version 1 become searchable.
INSERT INTO page_search(page_search) VALUES ('rebuild');
