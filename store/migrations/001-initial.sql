-- The store's tables: each record as JSON (validated by the records' zod schemas when read), with
-- the columns the store looks things up by beside it.
CREATE TABLE events (
  event_id text PRIMARY KEY,
  received_at timestamptz NOT NULL,
  -- the event, while it waits in the inbox to be handled; null once handled (or when only its id was kept)
  pending jsonb
);
CREATE INDEX events_received_at ON events (received_at);
CREATE INDEX events_pending ON events (received_at) WHERE pending IS NOT NULL;

CREATE TABLE conversations (
  id text PRIMARY KEY,
  revision integer NOT NULL,
  status text NOT NULL,
  room_id text NOT NULL,
  person_id text NOT NULL,
  kind text NOT NULL,
  card_posted boolean NOT NULL,
  wake_at timestamptz,
  doc jsonb NOT NULL
);
CREATE INDEX conversations_active ON conversations (room_id) WHERE status = 'active';

CREATE TABLE templates (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  name_key text NOT NULL UNIQUE,
  conversation_id text NOT NULL,
  doc jsonb NOT NULL
);

CREATE TABLE claims (
  external_id text PRIMARY KEY,
  conversation_id text NOT NULL
);

CREATE TABLE customers (
  external_id text PRIMARY KEY,
  doc jsonb NOT NULL
);

CREATE TABLE approvals (
  id text PRIMARY KEY,
  revision integer NOT NULL,
  status text NOT NULL,
  conversation_id text NOT NULL,
  created_seq bigserial,
  doc jsonb NOT NULL
);

CREATE TABLE audit (
  seq bigserial PRIMARY KEY,
  conversation_id text,
  external_id text,
  doc jsonb NOT NULL
);
CREATE INDEX audit_conversation ON audit (conversation_id);
CREATE INDEX audit_external ON audit (external_id);

CREATE TABLE spaces (
  room_id text PRIMARY KEY,
  doc jsonb NOT NULL
);
