-- Enrolment and identity: one-time enrolment tokens and the certificates the fleet CA issued.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

-- A token is stored only as the hex SHA-256 of its text: a copy of this table enrols nobody.
-- used_at is set once, atomically, when a device redeems it.
CREATE TABLE enrolment_tokens (
  token_hash  VARCHAR(64) PRIMARY KEY,
  vehicle_id  VARCHAR(64) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  used_at     TIMESTAMP WITH TIME ZONE,
  used_by     VARCHAR(64)
);

-- Every device certificate issued, by serial (lower-case hex). A revoked one goes on the CRL; a
-- device's older certificates are revoked when it enrols again.
CREATE TABLE certificates (
  serial      VARCHAR(40) PRIMARY KEY,
  device_id   VARCHAR(64) NOT NULL,
  issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  not_after   TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX certificates_by_device ON certificates (device_id);

-- Payload key epochs (key rotation): one row per epoch from the second on, with the time it began.
-- Epoch keys.epoch (the setting, default 1) is in force until the first row; an epoch is accepted
-- from devices until keys.grace-h after its successor began.
CREATE TABLE key_epochs (
  epoch      INT PRIMARY KEY,
  started_at TIMESTAMP WITH TIME ZONE NOT NULL
);
