-- The order saga: the carrier's tracking number of a shipped order, and history entries that
-- note what happened to an order without changing its status (e.g. a shipment dispatched
-- after the customer cancelled). A status change has no note.
alter table customer_order add column tracking_number text;

alter table order_status_change add column note text
    check (note in ('RESERVED_AFTER_CANCELLATION', 'STOCK_RELEASED', 'DISPATCHED_AFTER_CANCELLATION'));
