-- Refresh-token rotation with reuse detection (issue 12 §5): a rotated pair stays, marked, until its
-- refresh token would have expired, so that a second redemption of it is recognised and revokes every
-- pair descended from the same login (its family). Rows from before have no family: their own token ID.
ALTER TABLE access_tokens ADD COLUMN family_id VARCHAR(64);
ALTER TABLE access_tokens ADD COLUMN rotated_at TIMESTAMP(6);
CREATE INDEX access_tokens_family_idx ON access_tokens (family_id);
