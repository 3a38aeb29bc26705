-- The partner integration's newest tokens, which the replicas share: with rotating refresh tokens
-- a replica that kept its own would soon hold one Webex no longer takes. One row per client.
CREATE TABLE partner_tokens (
  key text PRIMARY KEY,
  doc jsonb NOT NULL
);
