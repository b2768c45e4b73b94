package com.eventshop.inventory.stock;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import com.eventshop.events.ShopEvent;
import com.eventshop.events.order.OrderPlaced;
import com.eventshop.messaging.consumer.BatchPreparation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Locks, at the start of a batch, the stock row of every SKU the batch's events will
 * update, sorted by SKU: the lines of a placed order, and the reserved lines of an order
 * that is cancelled or shipped. Two batches (two listener threads, two instances) that
 * share SKUs then lock them in the same order, so one waits for the other and neither
 * deadlocks; batches over different SKUs run at the same time. The handlers lock the same
 * rows again, which costs nothing once the transaction holds them.
 * <p>
 * Should a row be missed (a reservation written between this read and its handler, which
 * one partition's order of events rules out), the worst case is a deadlock PostgreSQL
 * detects; the consumer retries it as the transient failure it is.
 */
@Component
class StockLocks implements BatchPreparation {

	private final JdbcClient jdbc;

	StockLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void prepare(List<ShopEvent> events) {
		TreeSet<String> skus = new TreeSet<>();
		List<UUID> settled = events.stream()
			.filter((event) -> !(event instanceof OrderPlaced))
			.map(ShopEvent::orderId)
			.toList();
		for (ShopEvent event : events) {
			if (event instanceof OrderPlaced placed) {
				placed.lines().forEach((line) -> skus.add(line.sku()));
			}
		}
		if (!settled.isEmpty()) {
			skus.addAll(this.jdbc.sql("select distinct sku from reservation_line where order_id = any(?)")
				.param(settled.toArray(UUID[]::new))
				.query(String.class)
				.list());
		}
		if (!skus.isEmpty()) {
			// Locks taken in one order cannot deadlock, so the wait is for a batch that
			// makes progress: no lock timeout (the statement timeout still bounds it).
			String timeout = this.jdbc.sql("select current_setting('lock_timeout')").query(String.class).single();
			setLockTimeout("0");
			this.jdbc.sql("select sku from stock where sku = any(?) order by sku for update")
				.param(skus.toArray(String[]::new))
				.query(String.class)
				.list();
			setLockTimeout(timeout);
		}
	}

	private void setLockTimeout(String timeout) {
		this.jdbc.sql("select set_config('lock_timeout', ?, true)").param(timeout).query(String.class).single();
	}

}
