-- Whose e-mail it is (the order's customer, from the event), so that the API shows a
-- customer only their own. E-mails recorded before have none: only operators see them.
alter table notification add column customer_id text;
create index notification_order_customer_idx on notification (order_id, customer_id);
