-- Dead letters (issue 13 §4): a message that failed permanently (SMTP 5xx), ran out of attempts
-- (is.email.outbox.max-attempts) or outlived is.email.outbox.expiry is never sent again; it keeps its
-- last error and its masked copies for the admin view until is.email.outbox.retention.
ALTER TABLE mail_outbox ADD COLUMN dead_at TIMESTAMP(6);

-- Secret-bearing bodies at rest only encrypted (issue 12 §6): AES-GCM of text and HTML body,
-- base64(nonce || ciphertext), and which key sealed it. text_body and html_body stay for rows
-- written before this version and are no longer filled.
ALTER TABLE mail_outbox ADD COLUMN sealed_body VARCHAR;
ALTER TABLE mail_outbox ADD COLUMN key_id VARCHAR(64);
