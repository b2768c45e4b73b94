-- Inbox: one row per (consumer, event) handled, written in the same transaction as the
-- handler's effect. A redelivered event finds its row and changes nothing.
create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    event_type   text        not null,
    topic        text        not null,
    partition    int         not null,
    kafka_offset bigint      not null,
    handled_at   timestamptz not null default clock_timestamp(),
    primary key (consumer, event_id)
);
create index inbox_handled_at_idx on inbox (handled_at);

-- What operators did with dead-lettered records: replayed or parked, by whom, when.
create table dead_letter_action (
    id           bigint generated always as identity primary key,
    consumer     text        not null,
    dlt_topic    text        not null,
    dlt_partition int        not null,
    dlt_offset   bigint      not null,
    action       text        not null check (action in ('REPLAYED', 'PARKED')),
    actor        text        not null,
    note         text,
    acted_at     timestamptz not null default clock_timestamp()
);
create index dead_letter_action_record_idx on dead_letter_action (dlt_topic, dlt_partition, dlt_offset);
