-- DanVanKheo's own grain-state table for unit and model state, written by BatchedGrainStorage: many grains' reads or writes go to
-- PostgreSQL as one statement (group commit), which the Orleans ADO.NET provider (one statement per
-- grain operation) cannot do. The version column is the ETag: a write names the version it read and
-- changes the row only if that is still the stored one.
CREATE TABLE dvk_grain_state
(
    service_id text NOT NULL,
    state_name text NOT NULL,
    grain_key text NOT NULL,
    version integer NOT NULL,
    payload bytea NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_key)
);

-- Units and models written by an earlier release through the ADO.NET provider move here, same bytes and version.
INSERT INTO dvk_grain_state (service_id, state_name, grain_key, version, payload, modified_at)
SELECT serviceid, graintypestring, grainidextensionstring, coalesce(version, 1), payloadbinary, modifiedon AT TIME ZONE 'UTC'
FROM orleansstorage
WHERE graintypestring IN ('unit', 'model') AND grainidextensionstring IS NOT NULL AND payloadbinary IS NOT NULL
ON CONFLICT DO NOTHING;

DELETE FROM orleansstorage WHERE graintypestring IN ('unit', 'model');
