-- Counterpart of the H2 migration of the same version: on PostgreSQL an unbounded VARCHAR (TOASTed)
-- already holds a profile picture of up to 8 MiB of base64 data, so nothing changes here.
SELECT 1;
