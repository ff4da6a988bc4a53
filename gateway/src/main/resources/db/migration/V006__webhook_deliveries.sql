-- Webhook deliveries (issue 6): the persistent retry queue of the webhook alert sink. Runs on H2
-- (PostgreSQL mode) and PostgreSQL.
--
-- One row per alert change to deliver. delivery_id is the idempotency key sent as X-Vigil-Delivery
-- (derived from the body, so the same change handed over twice is one row). A gateway claims due
-- rows with SELECT ... FOR UPDATE SKIP LOCKED and holds them until lease_until; one that dies
-- mid-delivery leaves the row for any gateway to claim once the lease has passed.
-- state: PENDING (waiting or being delivered), DELIVERED (the receiver answered 2xx), DEAD (given
-- up: refused with a 4xx, or too old / too many attempts; logged at ERROR and counted).
CREATE TABLE webhook_deliveries (
  delivery_id     VARCHAR(64) PRIMARY KEY,
  alert_id        VARCHAR(64) NOT NULL,
  body            VARCHAR(100000) NOT NULL,
  state           VARCHAR(16) NOT NULL,
  created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
  attempts        INT DEFAULT 0 NOT NULL,
  lease_owner     VARCHAR(128),
  lease_until     TIMESTAMP WITH TIME ZONE,
  last_status     INT,
  last_error      VARCHAR(2000),
  finished_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_by_alert ON webhook_deliveries (alert_id);
