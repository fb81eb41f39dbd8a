-- Migration number: 0006 	 Indexes that keep the scheduler and the sitemap index bounded however large the archive.

-- Scheduled articles by time: the every-minute cron finds the due ones (published_at <= now)
-- without reading the archive. (articles_embargo covers 'published' and 'scheduled' together,
-- which a query about one state cannot use.)
CREATE INDEX articles_scheduled ON articles (published_at) WHERE status = 'scheduled';

-- The article sitemaps are chunks of 50,000 ids (src/db/sitemaps.ts, CHUNK_SIZE): each chunk's
-- newest change (max(updated_at, published_at), the sitemap's lastmod) is the last entry of its
-- range here, so the sitemap index costs a few steps per chunk instead of a read of every row.
CREATE INDEX articles_sitemap ON articles ((id - 1) / 50000, max(updated_at, published_at)) WHERE status = 'published';
