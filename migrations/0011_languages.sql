-- Migration number: 0011 	 Languages: translation groups, per-language lists and sync, localized sections and tags.

-- The languages the publication publishes in (JSON array of BCP 47 tags); `language` stays its
-- default. An empty array means only the default.
ALTER TABLE publication ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';

-- Names and descriptions in other languages than the default, as JSON:
-- {"fr": {"name": "Europe", "description": "…"}, "nl": {"name": "Europa"}}. The plain name and
-- description columns are in the publication's default language, the fallback.
ALTER TABLE sections ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
ALTER TABLE tags ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';

-- A translation group: the same story in several languages, each version its own article. The
-- group is named by the id of its original (the version the others were translated from); when
-- the original leaves, the trigger below renames the group after its oldest remaining version.
-- A group has at most one version per language.
ALTER TABLE articles ADD COLUMN translation_group INTEGER;
CREATE UNIQUE INDEX articles_translation_group ON articles (translation_group, language) WHERE translation_group IS NOT NULL;

CREATE TRIGGER articles_translation_original_left AFTER UPDATE OF translation_group ON articles
WHEN OLD.translation_group = OLD.id AND NEW.translation_group IS NOT OLD.translation_group BEGIN
  UPDATE articles SET translation_group = (SELECT min(id) FROM articles WHERE translation_group = OLD.id)
   WHERE translation_group = OLD.id;
END;

CREATE TRIGGER articles_translation_original_deleted AFTER DELETE ON articles
WHEN OLD.translation_group = OLD.id BEGIN
  UPDATE articles SET translation_group = (SELECT min(id) FROM articles WHERE translation_group = OLD.id)
   WHERE translation_group = OLD.id;
END;

-- Per-language lists: the language leads each index, so "French, newest first" (in a section, a
-- tag, an author) is one range scan of its own, however many articles the other languages have.
CREATE INDEX articles_latest_by_language ON articles (language, published_at DESC, id DESC) WHERE status = 'published';
CREATE INDEX articles_by_language_section ON articles (language, section_id, published_at DESC, id DESC) WHERE status = 'published';

-- The link tables carry a copy of their article's language too (like its published state).
ALTER TABLE article_authors ADD COLUMN language TEXT;
ALTER TABLE article_tags ADD COLUMN language TEXT;
UPDATE article_authors SET language = (SELECT language FROM articles WHERE id = article_id);
UPDATE article_tags SET language = (SELECT language FROM articles WHERE id = article_id);
CREATE INDEX article_authors_feed_by_language ON article_authors (language, author_id, published_at DESC, article_id DESC) WHERE published = 1;
CREATE INDEX article_tags_feed_by_language ON article_tags (language, tag_id, published_at DESC, article_id DESC) WHERE published = 1;

CREATE TRIGGER article_authors_copy_language AFTER INSERT ON article_authors BEGIN
  UPDATE article_authors SET language = (SELECT language FROM articles WHERE id = NEW.article_id)
   WHERE article_id = NEW.article_id AND author_id = NEW.author_id;
END;

CREATE TRIGGER article_tags_copy_language AFTER INSERT ON article_tags BEGIN
  UPDATE article_tags SET language = (SELECT language FROM articles WHERE id = NEW.article_id)
   WHERE article_id = NEW.article_id AND tag_id = NEW.tag_id;
END;

CREATE TRIGGER articles_language_to_links AFTER UPDATE OF language ON articles BEGIN
  UPDATE article_authors SET language = NEW.language WHERE article_id = NEW.id;
  UPDATE article_tags SET language = NEW.language WHERE article_id = NEW.id;
END;

-- Sync per language: an article's change carries the article's language; other changes (authors,
-- sections, tags, the publication) have none and belong to every language's log. A sync with
-- `lang` merges two ranges of this index in seq order (its language's, and the shared NULL one).
ALTER TABLE changes ADD COLUMN language TEXT;
UPDATE changes SET language = (SELECT language FROM articles WHERE slug = changes.slug) WHERE type = 'article';
CREATE INDEX changes_by_language ON changes (language, seq);

-- Article changes written without a language (every writer but writeArticlesStatements, which
-- knows the language before the article row exists) take the article's.
CREATE TRIGGER changes_article_language AFTER INSERT ON changes
WHEN NEW.type = 'article' AND NEW.language IS NULL BEGIN
  UPDATE changes SET language = (SELECT language FROM articles WHERE slug = NEW.slug) WHERE seq = NEW.seq;
END;
