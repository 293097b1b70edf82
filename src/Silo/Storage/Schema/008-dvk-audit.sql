-- The audit log as an append-only table (before: one grain state per unit, rewritten whole on every write).
-- before/after are kept as the exact JSON text the API recorded (jsonb would reorder keys).
CREATE TABLE dvk_audit
(
    id bigserial PRIMARY KEY,
    service_id text NOT NULL,
    unit text NOT NULL,
    at timestamptz NOT NULL,
    user_name text NOT NULL,
    action text NOT NULL,
    model text,
    before text,
    after text
);

CREATE INDEX dvk_audit_by_unit ON dvk_audit (service_id, unit, id DESC);
