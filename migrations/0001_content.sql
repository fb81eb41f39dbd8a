-- Migration number: 0001 	 Published content: the publication, authors, sections, tags, articles.
--
-- Times are ISO 8601 UTC strings in one fixed format (JavaScript's toISOString():
-- 2026-11-25T09:30:00.000Z), so that text order is time order and indexes on them sort correctly.

CREATE TABLE publication (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  description TEXT NOT NULL,
  about TEXT NOT NULL,
  language TEXT NOT NULL,
  logo_url TEXT,
  links TEXT NOT NULL DEFAULT '[]',
  updated_at TEXT NOT NULL
);

CREATE TABLE authors (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  job_title TEXT,
  bio TEXT NOT NULL DEFAULT '',
  photo_url TEXT,
  photo_alt TEXT,
  links TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX authors_by_name ON authors (name, id);

CREATE TABLE sections (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  headline TEXT NOT NULL,
  standfirst TEXT NOT NULL DEFAULT '',
  dateline TEXT,
  language TEXT NOT NULL DEFAULT 'en',
  section_id INTEGER NOT NULL REFERENCES sections (id),
  image_url TEXT,
  image_alt TEXT,
  image_caption TEXT,
  image_credit TEXT,
  -- Whether syndication partners may republish the hero image (wire and pool photos often may not).
  image_syndication INTEGER NOT NULL DEFAULT 0 CHECK (image_syndication IN (0, 1)),
  word_count INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'published', 'unpublished')),
  published_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- The large columns come last: SQLite reads a row's columns in order, and a column stored after
  -- an 8 KB body would cost a walk through the body's overflow pages on every list query.
  body TEXT NOT NULL DEFAULT '[]',       -- JSON array of blocks, validated by src/schemas/blocks.ts
  body_text TEXT NOT NULL DEFAULT ''     -- plain text of the body, for full-text search
);

-- Every public list is "published, newest first" over some scope. Partial indexes keep drafts out
-- of them and let SQLite walk (published_at, id) in order for keyset pagination.
CREATE INDEX articles_latest ON articles (published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX articles_by_section ON articles (section_id, published_at DESC, id DESC) WHERE status = 'published';

-- The link tables carry a copy of the article's status and published_at (kept by the triggers
-- below), so that a tag's or an author's page is one index range scan, however deep, instead of
-- collecting every article of the tag and sorting them.
CREATE TABLE article_authors (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  author_id INTEGER NOT NULL REFERENCES authors (id),
  position INTEGER NOT NULL,
  published INTEGER NOT NULL DEFAULT 0,
  published_at TEXT,
  PRIMARY KEY (article_id, author_id)
) WITHOUT ROWID;
CREATE INDEX article_authors_feed ON article_authors (author_id, published_at DESC, article_id DESC) WHERE published = 1;

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id),
  position INTEGER NOT NULL,
  published INTEGER NOT NULL DEFAULT 0,
  published_at TEXT,
  PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_feed ON article_tags (tag_id, published_at DESC, article_id DESC) WHERE published = 1;

CREATE TRIGGER article_authors_copy_state AFTER INSERT ON article_authors BEGIN
  UPDATE article_authors
     SET published = (SELECT status = 'published' FROM articles WHERE id = NEW.article_id),
         published_at = (SELECT published_at FROM articles WHERE id = NEW.article_id)
   WHERE article_id = NEW.article_id AND author_id = NEW.author_id;
END;

CREATE TRIGGER article_tags_copy_state AFTER INSERT ON article_tags BEGIN
  UPDATE article_tags
     SET published = (SELECT status = 'published' FROM articles WHERE id = NEW.article_id),
         published_at = (SELECT published_at FROM articles WHERE id = NEW.article_id)
   WHERE article_id = NEW.article_id AND tag_id = NEW.tag_id;
END;

CREATE TRIGGER articles_state_to_links AFTER UPDATE OF status, published_at ON articles BEGIN
  UPDATE article_authors SET published = (NEW.status = 'published'), published_at = NEW.published_at
   WHERE article_id = NEW.id;
  UPDATE article_tags SET published = (NEW.status = 'published'), published_at = NEW.published_at
   WHERE article_id = NEW.id;
END;

-- Full-text search over headline, standfirst and body text. External content: the text lives once,
-- in articles; the triggers keep the index in step with every insert, update and delete.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  headline, standfirst, body_text,
  content = 'articles', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, headline, standfirst, body_text)
  VALUES (NEW.id, NEW.headline, NEW.standfirst, NEW.body_text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, headline, standfirst, body_text)
  VALUES ('delete', OLD.id, OLD.headline, OLD.standfirst, OLD.body_text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, standfirst, body_text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, headline, standfirst, body_text)
  VALUES ('delete', OLD.id, OLD.headline, OLD.standfirst, OLD.body_text);
  INSERT INTO articles_fts (rowid, headline, standfirst, body_text)
  VALUES (NEW.id, NEW.headline, NEW.standfirst, NEW.body_text);
END;

-- Relevance: a match in the headline counts ten times one in the body, the standfirst four times.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)');
