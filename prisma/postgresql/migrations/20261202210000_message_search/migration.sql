-- Full-text search over message bodies: the 'simple' configuration (no stemming, any language).
CREATE INDEX "Message_body_fts" ON "Message" USING GIN (to_tsvector('simple', "body"));
