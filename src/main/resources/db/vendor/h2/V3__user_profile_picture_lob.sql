-- Profile pictures are stored as JSON with up to 8 MiB of base64 image data: more than H2 keeps safely
-- in a CHARACTER VARYING value, so on H2 the column is a CLOB (stored in H2's LOB storage).
ALTER TABLE users ALTER COLUMN profile_picture SET DATA TYPE CHARACTER LARGE OBJECT;
