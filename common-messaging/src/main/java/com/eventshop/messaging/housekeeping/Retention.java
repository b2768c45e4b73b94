package com.eventshop.messaging.housekeeping;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A table whose rows are deleted once a time column of theirs lies further back than a
 * retention. A service declares one as a bean and {@link Housekeeping} applies it.
 *
 * @param name what the rows are, the {@code table} tag of the purge metrics (e.g.
 * {@code inbox})
 * @param table the table, optionally schema-qualified (e.g. {@code messaging.inbox})
 * @param timeColumn the {@code timestamptz} column compared with the retention; rows
 * where it is null are kept
 * @param keep how long rows are kept after their time; zero deletes a row as soon as its
 * time has passed (e.g. an expiry time)
 */
public record Retention(String name, String table, String timeColumn, Duration keep) {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

	public Retention {
		if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(timeColumn).matches()) {
			throw new IllegalArgumentException("Not a plain table and column name: " + table + "." + timeColumn);
		}
		if (keep.isNegative()) {
			throw new IllegalArgumentException("Negative retention of " + name + ": " + keep);
		}
	}

	/** One batch's delete: at most {@code ?2} rows older than {@code ?1}. */
	String deleteBatch() {
		return "delete from " + this.table + " where ctid = any(array(select ctid from " + this.table + " where "
				+ this.timeColumn + " < ? limit ?))";
	}

}
