-- The ASP.NET Core data-protection key ring (it signs and encrypts the sign-in cookie), shared by every
-- silo of the cluster: a cookie issued by one silo must be accepted by the others and after a restart.
CREATE TABLE dvk_data_protection_keys
(
    friendly_name text PRIMARY KEY,
    xml text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
