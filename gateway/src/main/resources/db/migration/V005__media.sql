-- Evidence media (issue 7; assigned number V005, renumbered to the next free version at merge).
-- Sealed files are addressed by the SHA-256 of their sealed bytes (media_id); chunks wait here
-- until a file is complete and verified, then the file lives in the media folder and its chunks
-- are deleted. Runs on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE media_manifests (
  manifest_sha256 VARCHAR(64) PRIMARY KEY,
  device_id       VARCHAR(64) NOT NULL,
  alarm_id        VARCHAR(64) NOT NULL,
  alert_id        VARCHAR(64) NOT NULL,
  signed_manifest BYTEA NOT NULL,
  signature_ok    BOOLEAN NOT NULL,
  received_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX media_manifests_by_alert ON media_manifests (alert_id);

CREATE TABLE media_items (
  media_id         VARCHAR(64) PRIMARY KEY,
  device_id        VARCHAR(64) NOT NULL,
  alarm_id         VARCHAR(64) NOT NULL,
  alert_id         VARCHAR(64) NOT NULL,
  kind             SMALLINT NOT NULL,
  source           VARCHAR(64) NOT NULL,
  start_ms         BIGINT NOT NULL,
  duration_ms      INT NOT NULL,
  plaintext_sha256 VARCHAR(64) NOT NULL,
  sealed_bytes     BIGINT NOT NULL,
  received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  stored_at        TIMESTAMP WITH TIME ZONE,
  legal_hold       BOOLEAN NOT NULL
);
CREATE INDEX media_items_by_alert ON media_items (alert_id);

CREATE TABLE media_chunks (
  media_id     VARCHAR(64) NOT NULL,
  offset_bytes BIGINT NOT NULL,
  data         BYTEA NOT NULL,
  PRIMARY KEY (media_id, offset_bytes)
);

-- Every view and download of evidence: who, when, what, why. Never updated or deleted by Vigil.
CREATE TABLE media_audit (
  audit_id  VARCHAR(36) PRIMARY KEY,
  at_time   TIMESTAMP WITH TIME ZONE NOT NULL,
  operator  VARCHAR(128) NOT NULL,
  action    VARCHAR(32) NOT NULL,
  what      VARCHAR(200) NOT NULL,
  reason    VARCHAR(1000) NOT NULL
);
CREATE INDEX media_audit_by_what ON media_audit (what);
