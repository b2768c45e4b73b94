-- Dispatch: a confirmed order's shipment is READY_TO_DISPATCH until the warehouse delay has
-- passed (dispatch_due_at), then the dispatcher hands it to the carrier (DISPATCHED, with a
-- tracking number). A cancellation stops it up to that moment (CANCELLED); after it, the
-- cancellation is too late and is only recorded (cancellation_outcome TOO_LATE).
alter table shipment
    drop constraint shipment_status_check,
    add constraint shipment_status_check
        check (status in ('AWAITING_STOCK', 'READY_TO_DISPATCH', 'DISPATCHED', 'CANCELLED')),
    add column dispatch_due_at           timestamptz,
    -- The OrderConfirmed that made it ready: the cause of its ShipmentDispatched.
    add column confirmed_by_event        uuid,
    add column dispatched_at             timestamptz,
    add column carrier                   text,
    add column cancellation_requested_at timestamptz,
    add column cancellation_outcome      text check (cancellation_outcome in ('CANCELLED', 'TOO_LATE')),
    add constraint shipment_ready_check
        check (status <> 'READY_TO_DISPATCH' or (dispatch_due_at is not null and confirmed_by_event is not null)),
    add constraint shipment_dispatched_check
        check ((status = 'DISPATCHED') = (tracking_number is not null and carrier is not null
                                           and dispatched_at is not null)),
    add constraint shipment_cancellation_check
        check ((cancellation_outcome is null) = (cancellation_requested_at is null));

-- A tracking number names one shipment.
create unique index shipment_tracking_number_idx on shipment (tracking_number);

-- What the dispatcher looks for: the ready shipments, longest due first.
create index shipment_dispatch_due_idx on shipment (dispatch_due_at) where status = 'READY_TO_DISPATCH';
