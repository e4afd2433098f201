-- The tables of a The Things Stack identity server that `import-tts` reads, as TTS defines them
-- (TheThingsNetwork/lorawan-stack, pkg/identityserver/store/migrations/20220520000000_v3_20.init.sql and
-- 20240103000001_console_preferences.tx.up.sql; models in pkg/identityserver/bunstore): the same column
-- names, types and constraints, but only the columns the import reads. Used by TtsImportIT and
-- bench/import-tts to build a fixture database.

CREATE TABLE accounts (
  uid character varying(36),
  account_id uuid NOT NULL,
  account_type character varying(32) NOT NULL
);
CREATE UNIQUE INDEX account_uid_index ON accounts USING btree (uid);
CREATE INDEX account_id_index ON accounts USING btree (account_id, account_type);

CREATE TABLE attributes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  entity_id uuid NOT NULL,
  entity_type character varying(32) NOT NULL,
  key character varying,
  value character varying
);
CREATE INDEX attribute_entity_index ON attributes USING btree (entity_id, entity_type);

CREATE TABLE pictures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  data bytea
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  deleted_at timestamp with time zone,
  name character varying,
  description text,
  primary_email_address character varying NOT NULL,
  primary_email_address_validated_at timestamp with time zone,
  password character varying NOT NULL,
  password_updated_at timestamp with time zone NOT NULL,
  require_password_update boolean NOT NULL,
  state integer NOT NULL,
  state_description character varying,
  admin boolean NOT NULL,
  temporary_password character varying,
  temporary_password_created_at timestamp with time zone,
  temporary_password_expires_at timestamp with time zone,
  profile_picture_id uuid,
  console_preferences bytea
);
-- 20220701140000_update_email_index.tx.up.sql
CREATE UNIQUE INDEX uix_users_primary_email_address ON users USING btree ((LOWER(primary_email_address))) WHERE deleted_at IS NULL;

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  email character varying NOT NULL,
  token character varying NOT NULL,
  expires_at timestamp with time zone,
  accepted_by_id uuid,
  accepted_at timestamp with time zone
);
CREATE UNIQUE INDEX invitation_email_index ON invitations USING btree (email);
CREATE UNIQUE INDEX invitation_token_index ON invitations USING btree (token);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  api_key_id character varying,
  key character varying,
  rights integer [],
  name character varying,
  entity_id uuid NOT NULL,
  entity_type character varying(32) NOT NULL,
  expires_at timestamp with time zone
);
CREATE UNIQUE INDEX api_key_id_index ON api_keys USING btree (api_key_id);
CREATE INDEX api_key_entity_index ON api_keys USING btree (entity_id, entity_type);

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  created_at timestamp with time zone NOT NULL,
  entity_type character varying(32) NOT NULL,
  entity_uid character varying(36) NOT NULL,
  notification_type text NOT NULL,
  data jsonb,
  sender_uid character varying(36) NOT NULL,
  receivers integer [],
  email boolean NOT NULL
);

CREATE TABLE notification_receivers (
  notification_id uuid NOT NULL,
  receiver_id uuid NOT NULL,
  status integer NOT NULL,
  status_updated_at timestamp with time zone NOT NULL
);
CREATE INDEX notification_receiver_user_index ON notification_receivers USING btree (receiver_id);
CREATE UNIQUE INDEX notification_receiver_index ON notification_receivers USING btree (notification_id, receiver_id);
