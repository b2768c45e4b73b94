package com.eventshop.inventory.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Stock levels in the {@code stock} table.
 */
@Service
class StockLevels {

	private final JdbcClient jdbc;

	private final Clock clock;

	StockLevels(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	List<StockLevel> all() {
		return this.jdbc.sql("select sku, available, reserved, updated_at from stock order by sku")
			.query(StockLevels::stockLevel)
			.list();
	}

	Optional<StockLevel> find(String sku) {
		return this.jdbc.sql("select sku, available, reserved, updated_at from stock where sku = ?")
			.param(sku)
			.query(StockLevels::stockLevel)
			.optional();
	}

	/**
	 * Sets the free units of a SKU, creating it when it is new; reserved units stay as
	 * they are. The upsert takes the row lock that reservations take, so a correction
	 * never interleaves with a reservation's check and update.
	 */
	StockLevel setAvailable(String sku, int available) {
		return this.jdbc.sql("""
				insert into stock (sku, available, reserved, updated_at) values (?, ?, 0, ?)
				on conflict (sku) do update set available = excluded.available, updated_at = excluded.updated_at
				returning sku, available, reserved, updated_at""")
			.params(sku, available, Timestamp.from(Instant.now(this.clock)))
			.query(StockLevels::stockLevel)
			.single();
	}

	private static StockLevel stockLevel(ResultSet rs, int row) throws SQLException {
		return new StockLevel(rs.getString("sku"), rs.getInt("available"), rs.getInt("reserved"),
				rs.getTimestamp("updated_at").toInstant());
	}

}
