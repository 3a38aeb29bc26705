-- The look-up keys a procedure declares for its conversation (e.g. the template it uses), so a
-- feature asks for a running conversation by what it concerns instead of reading its snapshot.
-- Rows saved before have none ('{}'); the engine writes the keys of the active ones at start-up.
ALTER TABLE conversations ADD COLUMN keys jsonb NOT NULL DEFAULT '{}';
CREATE INDEX conversations_keys ON conversations USING gin (keys) WHERE status = 'active';
