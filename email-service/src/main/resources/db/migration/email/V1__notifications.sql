-- Every e-mail the service owes a customer. The event handler records it in the transaction
-- that handles the event; the dispatcher sends it later and marks it SENT. One of each kind
-- per order, however often the event that calls for it arrives.
create table notification (
    id              uuid primary key,
    order_id        uuid        not null,
    kind            text        not null,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    status          text        not null check (status in ('PENDING', 'SENT')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    unique (order_id, kind)
);

-- The dispatcher's question, asked every poll: which pending e-mails are due, oldest first?
create index notification_due on notification (next_attempt_at) where status = 'PENDING';
