-- Issue 13: several nodes on one database. Each node keeps short-lived copies of users and of verified
-- credentials; every committed change of a user, an API key or an OAuth token is announced on the channel
-- keyward_changes (PostgreSQL's NOTIFY, delivered to the listening nodes when the change commits and
-- never when it rolls back), so that every node drops its copy at once. Row triggers catch every write,
-- whichever code path or tool made it. Payloads: 'u:<user_id>' (a user), 'c:<key or token id>'
-- (a credential). Inserts need no notice: nothing can have a copy of a row that did not exist.

CREATE FUNCTION keyward_notify_user_change() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('keyward_changes', 'u:' || OLD.user_id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_notify_change AFTER UPDATE OR DELETE ON users FOR EACH ROW
    EXECUTE FUNCTION keyward_notify_user_change();

CREATE FUNCTION keyward_notify_api_key_change() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('keyward_changes', 'c:' || OLD.key_id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_keys_notify_change AFTER UPDATE OR DELETE ON api_keys FOR EACH ROW
    EXECUTE FUNCTION keyward_notify_api_key_change();

CREATE FUNCTION keyward_notify_token_change() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('keyward_changes', 'c:' || OLD.token_id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER access_tokens_notify_change AFTER UPDATE OR DELETE ON access_tokens FOR EACH ROW
    EXECUTE FUNCTION keyward_notify_token_change();
