-- Migration number: 0002 	 Finding the next embargo to lift, for cache invalidation.
-- Published articles with a future published_at, and scheduled ones, in time order.
CREATE INDEX articles_embargo ON articles (published_at) WHERE status IN ('published', 'scheduled');
