-- Units that left the warehouse with shipped orders. With it, each SKU's stock can be
-- accounted for: what was put in = available + reserved + shipped. Orders shipped before
-- this column existed are counted from their reservations.
-- (V4, not V3: the stock version column of conditional stock updates takes V3.)
alter table stock add column shipped int not null default 0 check (shipped >= 0);

update stock set shipped = counted.units
from (select line.sku, sum(line.quantity) as units
      from reservation_line line join reservation using (order_id)
      where reservation.status = 'SHIPPED'
      group by line.sku) as counted
where stock.sku = counted.sku;
