-- The trace of the OrderConfirmed that made a shipment ready: the dispatcher, which runs
-- later on its own thread, publishes ShipmentDispatched in that trace (docs/observability.md).
alter table shipment add column dispatch_traceparent text;
