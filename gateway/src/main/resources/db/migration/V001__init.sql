-- Vigil gateway schema, version 1. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
-- Every uplink row is keyed by (device_id, seq): the envelope sequence number is unique per device,
-- so a redelivered or replayed message can never be stored twice.

CREATE TABLE devices (
  device_id      VARCHAR(64) PRIMARY KEY,
  vehicle_id     VARCHAR(64) NOT NULL,
  public_key_pem VARCHAR(2048) NOT NULL,
  registered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  revoked_at     TIMESTAMP WITH TIME ZONE
);

CREATE TABLE positions (
  device_id   VARCHAR(64) NOT NULL,
  seq         BIGINT NOT NULL,
  vehicle_id  VARCHAR(64) NOT NULL,
  fix_time    TIMESTAMP WITH TIME ZONE NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
  lat_deg     DOUBLE PRECISION NOT NULL,
  lon_deg     DOUBLE PRECISION NOT NULL,
  speed_mps   REAL NOT NULL,
  heading_deg REAL,
  altitude_m  REAL,
  fix_mode    SMALLINT NOT NULL,
  satellites  SMALLINT,
  hdop        REAL,
  PRIMARY KEY (device_id, seq)
);
CREATE INDEX positions_by_vehicle_time ON positions (vehicle_id, fix_time);

CREATE TABLE alarms (
  device_id    VARCHAR(64) NOT NULL,
  seq          BIGINT NOT NULL,
  alarm_id     VARCHAR(64) NOT NULL,
  vehicle_id   VARCHAR(64) NOT NULL,
  type         VARCHAR(32) NOT NULL,
  raised_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  trip_id      VARCHAR(64),
  PRIMARY KEY (device_id, seq)
);

CREATE TABLE alerts (
  alert_id    VARCHAR(64) PRIMARY KEY,
  type        VARCHAR(32) NOT NULL,
  severity    VARCHAR(16) NOT NULL,
  state       VARCHAR(16) NOT NULL,
  vehicle_id  VARCHAR(64) NOT NULL,
  device_id   VARCHAR(64) NOT NULL,
  trip_id     VARCHAR(64),
  raised_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
  late        BOOLEAN NOT NULL,
  alert_json  VARCHAR(100000) NOT NULL
);
CREATE INDEX alerts_by_received ON alerts (received_at);

CREATE TABLE events (
  device_id   VARCHAR(64) NOT NULL,
  seq         BIGINT NOT NULL,
  vehicle_id  VARCHAR(64) NOT NULL,
  type        VARCHAR(64) NOT NULL,
  at_time     TIMESTAMP WITH TIME ZONE NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
  trip_id     VARCHAR(64),
  PRIMARY KEY (device_id, seq)
);

CREATE TABLE health_reports (
  device_id      VARCHAR(64) NOT NULL,
  seq            BIGINT NOT NULL,
  at_time        TIMESTAMP WITH TIME ZONE NOT NULL,
  received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  gnss_ok        BOOLEAN NOT NULL,
  ignition_on    BOOLEAN NOT NULL,
  outbox_records BIGINT NOT NULL,
  PRIMARY KEY (device_id, seq)
);
