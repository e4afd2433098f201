-- Issue 8: what writes of users cost and what they leave behind for reads.
--
-- The statement-level UPDATE trigger of V3_1 made PostgreSQL keep transition tables of every
-- update of a user and count them four times, a name change included. Only a soft delete or a restore
-- moves a user between the two counters, so a row trigger on deleted_at, fired only when its nullness
-- changes, keeps user_counts exact for a fraction of the cost.
DROP TRIGGER users_count_update ON users;
DROP FUNCTION user_counts_after_update();

CREATE FUNCTION user_counts_after_soft_delete() RETURNS trigger AS $$
BEGIN
    IF NEW.deleted_at IS NULL THEN
        PERFORM user_counts_apply(1, -1);
    ELSE
        PERFORM user_counts_apply(-1, 1);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_count_soft_delete AFTER UPDATE OF deleted_at ON users FOR EACH ROW
    WHEN ((OLD.deleted_at IS NULL) IS DISTINCT FROM (NEW.deleted_at IS NULL))
    EXECUTE FUNCTION user_counts_after_soft_delete();

-- Deep list pages are index-only scans of the covering indexes of V3_1; they stay index-only while the
-- visibility map is current, so vacuum the users table after 2% of it changed (default: 20%).
ALTER TABLE users SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02,
    autovacuum_analyze_scale_factor = 0.02);

-- The trigram indexes take new entries directly instead of through GIN's pending list: every search
-- reads the whole pending list, and after a burst of sign-ups or renames it held hundreds of pages
-- per index (a 5-digit search then took 30 times longer, issue 8). A write costs a few more page updates.
ALTER INDEX users_user_id_trgm_idx SET (fastupdate = off);
ALTER INDEX users_name_trgm_idx SET (fastupdate = off);
ALTER INDEX users_description_trgm_idx SET (fastupdate = off);
ALTER INDEX user_attributes_value_trgm_idx SET (fastupdate = off);
SELECT gin_clean_pending_list('users_user_id_trgm_idx'::regclass), gin_clean_pending_list('users_name_trgm_idx'::regclass),
       gin_clean_pending_list('users_description_trgm_idx'::regclass),
       gin_clean_pending_list('user_attributes_value_trgm_idx'::regclass);
