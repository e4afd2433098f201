-- Counterpart of the PostgreSQL migration of the same version. H2 has no trigram indexes, partial
-- indexes or INCLUDE columns, and counts a development-sized table quickly: plain indexes for the list
-- orders are enough here (contains-searches scan the table on H2).
CREATE INDEX users_order_name_idx ON users (name, user_id);
CREATE INDEX users_order_email_idx ON users (primary_email_address, user_id);
CREATE INDEX users_order_state_idx ON users (state, user_id);
CREATE INDEX users_order_created_at_idx ON users (created_at, user_id);
CREATE INDEX users_deleted_at_idx ON users (deleted_at);
CREATE INDEX user_attributes_key_idx ON user_attributes (attr_key, user_pk);
