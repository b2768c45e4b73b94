-- An Idempotency-Key is chosen by the client, so it is unique only per customer: two
-- customers who happen to pick the same key must each get their own order, and neither
-- may be answered with the other's. Existing keys take their order's customer.
alter table idempotency_key add column customer_id text;

update idempotency_key k
   set customer_id = o.customer_id
  from customer_order o
 where o.id = k.order_id;

delete from idempotency_key where customer_id is null;

alter table idempotency_key alter column customer_id set not null;
alter table idempotency_key drop constraint idempotency_key_pkey;
alter table idempotency_key add primary key (customer_id, idempotency_key);
