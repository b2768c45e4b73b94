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
 * Stock levels in the {@code stock} table. Corrections are conditional on the row's
 * {@code version} (bumped by a trigger on every update, see
 * {@code V3__stock_version.sql}), so a correction computed before a reservation cannot
 * overwrite it.
 */
@Service
class StockLevels {

	private static final String COLUMNS = "sku, available, reserved, updated_at, version";

	private final JdbcClient jdbc;

	private final Clock clock;

	StockLevels(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	List<StockLevel> all() {
		return this.jdbc.sql("select " + COLUMNS + " from stock order by sku").query(StockLevels::stockLevel).list();
	}

	Optional<StockLevel> find(String sku) {
		return this.jdbc.sql("select " + COLUMNS + " from stock where sku = ?")
			.param(sku)
			.query(StockLevels::stockLevel)
			.optional();
	}

	/**
	 * Sets the free units of a SKU if its row is still at this version; reserved units
	 * stay as they are. The check and the write are one statement, so nothing can change
	 * the row between them.
	 * @return the new level, or empty when the SKU is unknown or its version moved on
	 */
	Optional<StockLevel> setAvailable(String sku, int available, long version) {
		return this.jdbc
			.sql("update stock set available = ?, updated_at = ? where sku = ? and version = ? returning " + COLUMNS)
			.params(available, Timestamp.from(Instant.now(this.clock)), sku, version)
			.query(StockLevels::stockLevel)
			.optional();
	}

	/**
	 * Creates a SKU with this many free units.
	 * @return the new level, or empty when the SKU already exists
	 */
	Optional<StockLevel> create(String sku, int available) {
		return this.jdbc.sql("""
				insert into stock (sku, available, reserved, updated_at) values (?, ?, 0, ?)
				on conflict (sku) do nothing
				returning\s""" + COLUMNS)
			.params(sku, available, Timestamp.from(Instant.now(this.clock)))
			.query(StockLevels::stockLevel)
			.optional();
	}

	private static StockLevel stockLevel(ResultSet rs, int row) throws SQLException {
		return new StockLevel(rs.getString("sku"), rs.getInt("available"), rs.getInt("reserved"),
				rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
	}

}
