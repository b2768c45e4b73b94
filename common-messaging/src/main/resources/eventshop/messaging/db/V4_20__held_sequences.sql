-- Sequenced dead letters. When a group dead-letters an event after its retries, the event's
-- key (the order id) is held for that group: the order's later events, from any topic the group
-- reads, wait in held_event, in arrival order, until an operator replays the dead letter (the
-- whole sequence is then handled in order) or parks it (the held events are then handled or
-- parked too, as the operator says). Versioned 4.20 to leave room for other V4 migrations.
create table held_key (
    consumer         text        not null,
    record_key       text        not null,
    blocker_event_id uuid        not null,
    blocker_type     text        not null,
    held_since       timestamptz not null default clock_timestamp(),
    primary key (consumer, record_key)
);

create table held_event (
    id           bigint generated always as identity primary key,
    consumer     text        not null,
    record_key   text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    topic        text        not null,
    partition    int         not null,
    kafka_offset bigint      not null,
    headers      text        not null,
    payload      bytea,
    held_at      timestamptz not null default clock_timestamp(),
    parked_at    timestamptz,
    parked_by    text,
    unique (consumer, event_id)
);

-- A key's waiting events, in arrival order; parked ones are kept for the record only.
create index held_event_waiting_idx on held_event (consumer, record_key, id) where parked_at is null;
