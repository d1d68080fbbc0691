-- Issue 16, item 5: agents over TLS pinned by certificate fingerprint; node credentials encrypted at rest.
-- The credential column holds 'v1:' + base64(AES-GCM nonce, ciphertext, tag) from now on: longer than the
-- plain token. Rows written before are encrypted by the portal at its next start (NodeCredentialSealer).
alter table node alter column credential set data type varchar(512);
-- SHA-256 of the agent's certificate, 64 hex digits; null for an agent registered over plain HTTP (the demo).
alter table node add column tls_fingerprint varchar(64);
