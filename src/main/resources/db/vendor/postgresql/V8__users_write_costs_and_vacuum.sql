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

-- The trigram indexes keep GIN's pending list of new entries, but a short one (256 kB, default 4 MB):
-- every search reads the whole list, and after a burst of sign-ups or renames it held hundreds of pages
-- per index (bench/run W4, 5-digit searches: 354 rps before, 1,890 without the backlog; issue 8).
-- Without any list (fastupdate off) searches were no faster and renames 5-15% slower.
ALTER INDEX users_user_id_trgm_idx SET (gin_pending_list_limit = 256);
ALTER INDEX users_name_trgm_idx SET (gin_pending_list_limit = 256);
ALTER INDEX users_description_trgm_idx SET (gin_pending_list_limit = 256);
ALTER INDEX user_attributes_value_trgm_idx SET (gin_pending_list_limit = 256);
SELECT gin_clean_pending_list('users_user_id_trgm_idx'::regclass), gin_clean_pending_list('users_name_trgm_idx'::regclass),
       gin_clean_pending_list('users_description_trgm_idx'::regclass),
       gin_clean_pending_list('user_attributes_value_trgm_idx'::regclass);
