-- Vigil: positions as a table range-partitioned by month on fix_time (PostgreSQL 12 or later).
-- See README "For the operator of the gateway", Retention. Tested by PartitionPositionsIT.
--
-- Load the two functions once into the gateway's schema:
--   psql "$DB" -f scripts/partition-positions.sql
-- Convert, once, in a quiet hour (it copies every row under a lock; ingest waits meanwhile, the
-- broker holds what arrives, nothing is lost):
--   psql "$DB" -c "SELECT vigil_partition_positions(3)"
-- Then every day (cron, pg_cron or a systemd timer), with the same days as retention.positions-days:
--   psql "$DB" -c "SELECT vigil_positions_maintain(90, 3)"
--
-- Why fix_time, and why the primary key becomes (device_id, seq, fix_time): PostgreSQL requires a
-- partitioned table's unique keys to contain the partition column. fix_time is the GNSS time inside
-- the sealed, authenticated payload, so every redelivery or replay of one message carries the same
-- fix_time as the first copy and lands on the same key in the same partition: ON CONFLICT DO
-- NOTHING still refuses it, and (device_id, seq) stays unique in practice. received_at, set on
-- arrival, would differ between copies and let a redelivery in twice.

-- Creates the month partition holding instant "at" unless it exists; rows for that month that
-- had gone to the default partition are moved into it.
CREATE OR REPLACE FUNCTION vigil_positions_month(at TIMESTAMPTZ) RETURNS TEXT
LANGUAGE plpgsql AS $$
DECLARE
  lo TIMESTAMPTZ := date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  hi TIMESTAMPTZ := (date_trunc('month', at AT TIME ZONE 'UTC') + INTERVAL '1 month') AT TIME ZONE 'UTC';
  name TEXT := 'positions_y' || to_char(at AT TIME ZONE 'UTC', 'YYYY') || 'm'
               || to_char(at AT TIME ZONE 'UTC', 'MM');
BEGIN
  IF to_regclass(quote_ident(current_schema()) || '.' || quote_ident(name)) IS NOT NULL THEN
    RETURN name;
  END IF;
  CREATE TEMP TABLE vigil_moving ON COMMIT DROP AS
    SELECT * FROM positions_default WHERE fix_time >= lo AND fix_time < hi;
  DELETE FROM positions_default WHERE fix_time >= lo AND fix_time < hi;
  EXECUTE format('CREATE TABLE %I PARTITION OF positions FOR VALUES FROM (%L) TO (%L)',
                 name, lo, hi);
  INSERT INTO positions SELECT * FROM vigil_moving;
  DROP TABLE vigil_moving;
  RETURN name;
END $$;

-- Converts the plain positions table (migrations V001 and V008) into a partitioned one: a partition
-- per month from the oldest fix to months_ahead months from now, and a default partition for fixes
-- outside them (a receiver reporting a wild date). Keeps the old table as positions_unpartitioned
-- until it is checked and dropped by hand. Returns the rows copied.
CREATE OR REPLACE FUNCTION vigil_partition_positions(months_ahead INT) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
  oldest TIMESTAMPTZ;
  m TIMESTAMPTZ;
  copied BIGINT;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'positions'::regclass) THEN
    RAISE EXCEPTION 'positions is partitioned already';
  END IF;
  LOCK TABLE positions IN ACCESS EXCLUSIVE MODE;
  ALTER TABLE positions RENAME TO positions_unpartitioned;
  ALTER TABLE positions_unpartitioned RENAME CONSTRAINT positions_pkey TO positions_unpartitioned_pkey;
  ALTER INDEX positions_by_vehicle_time RENAME TO positions_unpartitioned_by_vehicle_time;
  ALTER INDEX positions_by_fix_time RENAME TO positions_unpartitioned_by_fix_time;
  CREATE TABLE positions (LIKE positions_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
    PARTITION BY RANGE (fix_time);
  ALTER TABLE positions ADD CONSTRAINT positions_pkey PRIMARY KEY (device_id, seq, fix_time);
  CREATE INDEX positions_by_vehicle_time ON positions (vehicle_id, fix_time);
  CREATE INDEX positions_by_fix_time ON positions (fix_time);
  CREATE TABLE positions_default PARTITION OF positions DEFAULT;
  SELECT min(fix_time) INTO oldest FROM positions_unpartitioned;
  m := date_trunc('month', coalesce(oldest, now()) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  WHILE m < now() + make_interval(months => months_ahead + 1) LOOP
    PERFORM vigil_positions_month(m);
    m := m + INTERVAL '1 month';
  END LOOP;
  INSERT INTO positions SELECT * FROM positions_unpartitioned;
  GET DIAGNOSTICS copied = ROW_COUNT;
  RETURN copied;
END $$;

-- Daily upkeep of a partitioned positions table: creates the partitions of the coming months and
-- drops every month partition that ends before now - keep_days (all of its rows are past the
-- retention: a DROP instead of millions of DELETEs). The gateway's retention job still deletes the
-- remainder, row by row, in the oldest month left. Returns the partitions dropped.
CREATE OR REPLACE FUNCTION vigil_positions_maintain(keep_days INT, months_ahead INT) RETURNS INT
LANGUAGE plpgsql AS $$
DECLARE
  part RECORD;
  ends TIMESTAMPTZ;
  dropped INT := 0;
BEGIN
  IF keep_days < 1 THEN
    RAISE EXCEPTION 'keep_days must be at least 1, was %', keep_days;
  END IF;
  FOR i IN 0..months_ahead LOOP
    PERFORM vigil_positions_month(now() + make_interval(months => i));
  END LOOP;
  FOR part IN
    SELECT c.relname FROM pg_inherits h JOIN pg_class c ON c.oid = h.inhrelid
    WHERE h.inhparent = 'positions'::regclass AND c.relname ~ '^positions_y[0-9]{4}m[0-9]{2}$'
  LOOP
    ends := (to_date(substr(part.relname, 12, 4) || substr(part.relname, 17, 2), 'YYYYMM')
             + INTERVAL '1 month')::timestamp AT TIME ZONE 'UTC';
    IF ends <= now() - make_interval(days => keep_days) THEN
      EXECUTE format('DROP TABLE %I', part.relname);
      dropped := dropped + 1;
    END IF;
  END LOOP;
  RETURN dropped;
END $$;
