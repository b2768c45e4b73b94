-- Rows Kafka can never take (too large, invalid) are parked after a few attempts instead of
-- being retried forever; later rows of the same key are parked behind them, so that they
-- never overtake. Versioned 4.1 to leave room for other V4 migrations of this schema.
alter table outbox add column attempts    integer     not null default 0;
alter table outbox add column last_error  text;
alter table outbox add column parked_at   timestamptz;
alter table outbox add column park_reason text;

-- The relay scans rows to publish, the operator listing scans parked ones; both stay small.
drop index outbox_unpublished_idx;
create index outbox_unpublished_idx on outbox (id) where published_at is null and parked_at is null;
create index outbox_parked_idx on outbox (record_key, id) where parked_at is not null and published_at is null;
