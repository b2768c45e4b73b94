-- Whose shipment it is (the order's customer, from OrderPlaced), so that the API shows a
-- customer only their own. Shipments created before have none: only operators see them.
alter table shipment add column customer_id text;
