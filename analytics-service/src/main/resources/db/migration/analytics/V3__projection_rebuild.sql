-- Rebuilds of the projection (order_fact, order_fact_line, order_outcome) from the event
-- history, and how far each got. At most one runs at a time, across every instance.
create table projection_rebuild (
    id             bigint generated always as identity primary key,
    state          text        not null check (state in ('RUNNING', 'SWAPPED', 'FAILED')),
    started_at     timestamptz not null,
    updated_at     timestamptz not null,
    finished_at    timestamptz,
    -- records in the history when the rebuild started (its target; the catch-up adds more)
    history_size   bigint      not null default 0,
    records_read   bigint      not null default 0,
    events_applied bigint      not null default 0,
    records_skipped bigint     not null default 0,
    -- keys, values and headers of the records read, as the broker keeps them (less its framing)
    bytes_read     bigint      not null default 0,
    error          text
);

create unique index projection_rebuild_one_running on projection_rebuild ((true)) where state = 'RUNNING';
