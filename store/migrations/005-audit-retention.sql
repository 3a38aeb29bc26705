-- Retention (AUDIT_RETENTION_DAYS): audit entries leave by their time, oldest first, in batches;
-- the time is a column with an index so a batch is found without reading every entry's JSON.
ALTER TABLE audit ADD COLUMN at timestamptz;
UPDATE audit SET at = (doc->>'at')::timestamptz;
CREATE INDEX audit_at ON audit (at, seq);
-- The customers whose status history starts before a time (its first step is its oldest).
CREATE INDEX customers_history_start ON customers ((doc->'history'->0->>'at'));
