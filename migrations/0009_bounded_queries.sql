-- Migration number: 0009 	 Indexes that keep the scheduler and the sitemap index bounded however large the archive.

-- Scheduled articles by time: the every-minute cron finds the due ones (published_at <= now)
-- without reading the archive. (articles_embargo covers 'published' and 'scheduled' together,
-- which a query about one state cannot use.)
CREATE INDEX articles_scheduled ON articles (published_at) WHERE status = 'scheduled';

-- The article sitemaps are chunks of 50,000 ids (src/db/sitemaps.ts, CHUNK_SIZE): each chunk's
-- newest change (max(updated_at, published_at), the sitemap's lastmod) is the last entry of its
-- range here, so the sitemap index costs a few steps per chunk instead of a read of every row.
CREATE INDEX articles_sitemap ON articles ((id - 1) / 50000, max(updated_at, published_at)) WHERE status = 'published';

-- Each author's number of published articles, kept by triggers, so that the author profile's
-- article_count is not a count over all of an author's articles on every build (an author of
-- a large paper has tens of thousands). What is embargoed (published, time not come) is
-- subtracted at read time: a short range of article_authors_feed.
ALTER TABLE authors ADD COLUMN published_articles INTEGER NOT NULL DEFAULT 0;
UPDATE authors SET published_articles = (SELECT count(*) FROM article_authors x WHERE x.author_id = authors.id AND x.published = 1);

CREATE TRIGGER article_authors_count_insert AFTER INSERT ON article_authors WHEN NEW.published = 1 BEGIN
  UPDATE authors SET published_articles = published_articles + 1 WHERE id = NEW.author_id;
END;

CREATE TRIGGER article_authors_count_update AFTER UPDATE OF published ON article_authors WHEN OLD.published IS NOT NEW.published BEGIN
  UPDATE authors SET published_articles = published_articles + NEW.published - OLD.published WHERE id = NEW.author_id;
END;

CREATE TRIGGER article_authors_count_delete AFTER DELETE ON article_authors WHEN OLD.published = 1 BEGIN
  UPDATE authors SET published_articles = published_articles - 1 WHERE id = OLD.author_id;
END;
