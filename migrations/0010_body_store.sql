-- Migration number: 0010 	 One copy of each article's text: a full-text index that stores none, and archived bodies in R2.
--
-- Before: the body as JSON blocks (articles.body), the body again as plain text (articles.body_text)
-- feeding an external-content FTS5 index, which needs the old text to delete an entry. After: the
-- FTS5 index is contentless-delete (it keeps only its inverted index, and deletes by rowid alone),
-- fed by triggers with text derived from the JSON body in SQL (the view below), so body_text goes.
-- That also lets a body leave D1 (see src/bodies.ts): the archiver moves the body of an article
-- published more than ARCHIVE_AFTER_DAYS ago into the R2 bucket BODIES and sets articles.body to '' (the empty
-- string, never valid JSON: "in the body store, under the article's id and version"). The index
-- keeps its entries: search still finds archived articles. README: "Storage layout".
--
-- The FTS5 table keeps its name, columns (headline, standfirst, body_text) and tokenizer: queries
-- against it (MATCH, column filters, rowid ranges) do not change. It records which column holds a
-- word but not where in it (detail = column): the search ranks by column tiers, never by bm25 or
-- phrase positions (src/db/articles.ts searchArticlesSql, src/lib/fts.ts: every phrase is one
-- token), and that halves the index. Reading the columns' values back gives NULL (no query does).

DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;
ALTER TABLE articles DROP COLUMN body_text;

-- The words of each article as search sees them: the plain text src/render/blocks.ts renderText
-- gives (paragraph spans joined as they run, quotes with their attribution, image captions and
-- credits, list items), from the JSON body. Only for the triggers below: an archived body ('') has
-- no text here, and its index entry is left as it was; a body that is not JSON (no writer stores
-- one) is indexed without text rather than refused.
CREATE VIEW article_search_text AS
SELECT a.id, a.headline, a.standfirst,
  (SELECT group_concat(t, char(10, 10)) FROM (
     SELECT CASE b.value ->> 'type'
       WHEN 'paragraph' THEN (SELECT group_concat(s.value ->> 'text', '') FROM json_each(b.value, '$.content') s)
       WHEN 'heading' THEN b.value ->> 'text'
       WHEN 'quote' THEN concat_ws(' ', b.value ->> 'text', b.value ->> 'attribution')
       WHEN 'image' THEN concat_ws(' ', b.value ->> 'caption', b.value ->> 'credit')
       WHEN 'list' THEN (SELECT group_concat((SELECT group_concat(s.value ->> 'text', '') FROM json_each(i.value) s), char(10))
                           FROM json_each(b.value, '$.items') i)
     END AS t
     FROM json_each(iif(json_valid(a.body), a.body, '[]')) b)) AS body_text
FROM articles a;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
  headline, standfirst, body_text,
  content = '', contentless_delete = 1, detail = column,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO articles_fts (rowid, headline, standfirst, body_text)
SELECT id, headline, standfirst, body_text FROM article_search_text;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, headline, standfirst, body_text)
  SELECT id, headline, standfirst, body_text FROM article_search_text WHERE id = NEW.id;
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  DELETE FROM articles_fts WHERE rowid = OLD.id;
END;

-- Archiving (body set to '') keeps the entry; any write of the article writes its body again.
CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, standfirst, body ON articles WHEN NEW.body <> '' BEGIN
  DELETE FROM articles_fts WHERE rowid = OLD.id;
  INSERT INTO articles_fts (rowid, headline, standfirst, body_text)
  SELECT id, headline, standfirst, body_text FROM article_search_text WHERE id = NEW.id;
END;

-- The archiver's work list: articles whose body is still in D1, oldest publication first.
-- Archived rows leave the index, so it holds only the recent ones however large the archive grows.
CREATE INDEX articles_unarchived ON articles (published_at) WHERE body <> '';
