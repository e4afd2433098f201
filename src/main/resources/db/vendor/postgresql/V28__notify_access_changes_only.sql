-- Issue 13: a NOTIFY takes PostgreSQL's database-wide notify lock from the writing transaction's commit until
-- its commit record is on disk, so writes that notify commit one after the other. Since V9 every rename did
-- (bench/run W5). From here the row trigger announces only what grants or takes access, whoever writes it:
-- a user deleted, or its ID, state, admin flag, e-mail validation, password or temporary password changed.
-- A user's descriptive fields (name, description, address, picture, preferences, attributes) are announced
-- by the node that wrote them, right after the commit, in batches (ChangeAnnouncer). API keys and tokens keep
-- their triggers of V9.
DROP TRIGGER users_notify_change ON users;

CREATE TRIGGER users_notify_delete AFTER DELETE ON users FOR EACH ROW
    EXECUTE FUNCTION keyward_notify_user_change();

CREATE TRIGGER users_notify_access_change AFTER UPDATE ON users FOR EACH ROW
    WHEN ((OLD.user_id, OLD.deleted_at, OLD.state, OLD.state_description, OLD.admin,
           OLD.primary_email_address_validated_at, OLD.password_hash, OLD.password_updated_at,
           OLD.require_password_update, OLD.temporary_password_hash, OLD.temporary_password_expires_at)
          IS DISTINCT FROM
          (NEW.user_id, NEW.deleted_at, NEW.state, NEW.state_description, NEW.admin,
           NEW.primary_email_address_validated_at, NEW.password_hash, NEW.password_updated_at,
           NEW.require_password_update, NEW.temporary_password_hash, NEW.temporary_password_expires_at))
    EXECUTE FUNCTION keyward_notify_user_change();
