-- Call budgets that every replica shares (the bulk runs' calls per partner token): the time the
-- next call under each key may go, by the database's clock, so replicas' clocks need not agree.
CREATE TABLE call_budgets (
  key text PRIMARY KEY,
  next_at timestamptz NOT NULL
);
