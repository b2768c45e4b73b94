-- Events that arrived in a state whose handler defines them as unexpected: recorded, counted and
-- visible to operators, but handled (no retry loop, no dead letter).
create table unexpected_event (
    id          bigint generated always as identity primary key,
    consumer    text        not null,
    event_id    uuid        not null,
    event_type  text        not null,
    subject     text,
    state       text        not null,
    note        text,
    recorded_at timestamptz not null default clock_timestamp()
);
create index unexpected_event_recorded_at_idx on unexpected_event (recorded_at);
