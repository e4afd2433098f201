-- The sender's look-up of messages still to be logged (no mail provider), without walking the messages
-- already logged. H2 has no partial indexes; with all three conditions in the index, its planner
-- prefers it to mail_outbox_due_idx (sent_at), which holds every unsent message.
CREATE INDEX mail_outbox_unlogged_idx ON mail_outbox (logged_at, sent_at, dead_at, id);
