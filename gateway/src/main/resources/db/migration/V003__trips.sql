-- Trips (POST /api/trips). Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
-- plan_json is the validated request, as the API returns it; the trip's own columns are what the
-- gateway queries.

CREATE TABLE trips (
  trip_id    VARCHAR(64) PRIMARY KEY,
  vehicle_id VARCHAR(64) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at   TIMESTAMP WITH TIME ZONE,
  plan_json  VARCHAR(1000000) NOT NULL
);
CREATE INDEX trips_by_vehicle ON trips (vehicle_id, created_at);

-- A vehicle is on at most one trip: its row here is the lock, taken by the insert (so two
-- gateways creating trips for one vehicle at once cannot both win) and removed when the trip ends.
CREATE TABLE vehicle_trips (
  vehicle_id VARCHAR(64) PRIMARY KEY,
  trip_id    VARCHAR(64) NOT NULL
);

-- Envelope sequence numbers of sealed down/trip messages: one increasing series shared by every
-- gateway, so a later trip message always carries a higher number than an earlier one and the
-- device can refuse older ones (replays, the broker's stale retained copy).
CREATE SEQUENCE trip_downlink_seq START WITH 1;
