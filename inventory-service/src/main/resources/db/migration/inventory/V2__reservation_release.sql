-- A reservation's life after the decision: a cancelled order's units go back to available
-- (RELEASED); a shipped order's units leave the warehouse (SHIPPED). CANCELLED marks an
-- order cancelled before its placement was handled here (its OrderPlaced was dead-lettered,
-- say): should that placement be replayed later, it finds the order decided and reserves
-- nothing, rather than holding stock for an order that no longer exists.
alter table reservation
    drop constraint reservation_status_check,
    add constraint reservation_status_check
        check (status in ('RESERVED', 'REJECTED', 'RELEASED', 'SHIPPED', 'CANCELLED')),
    add column released_at timestamptz,
    add column shipped_at  timestamptz,
    add constraint reservation_released_at_check check ((status = 'RELEASED') = (released_at is not null)),
    add constraint reservation_shipped_at_check check ((status = 'SHIPPED') = (shipped_at is not null));
