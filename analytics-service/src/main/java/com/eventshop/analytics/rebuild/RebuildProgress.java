package com.eventshop.analytics.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of {@code projection_rebuild}: one per rebuild, updated as it goes, so that
 * every instance answers where it is. A running row that has not moved for
 * {@link #ABANDONED_AFTER} belongs to an instance that died; the next start fails it.
 */
final class RebuildProgress {

	static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

	/** How many rebuilds {@link #recent()} lists. */
	static final int RECENT = 20;

	private final JdbcClient jdbc;

	private final Clock clock;

	RebuildProgress(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * @return the new rebuild's id
	 * @throws RebuildRunningException when another one runs
	 */
	long begin() {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				update projection_rebuild set state = 'FAILED', finished_at = ?, error = 'abandoned: no progress since '
				|| updated_at where state = 'RUNNING' and updated_at < ?""")
			.params(utc(now), utc(now.minus(ABANDONED_AFTER)))
			.update();
		try {
			return this.jdbc.sql("""
					insert into projection_rebuild (state, started_at, updated_at) values ('RUNNING', ?, ?)
					returning id""").params(utc(now), utc(now)).query(Long.class).single();
		}
		catch (DuplicateKeyException ex) {
			throw new RebuildRunningException(latest().map(RebuildStatus::id).orElse(0L));
		}
	}

	void historySize(long id, long size) {
		this.jdbc.sql("update projection_rebuild set history_size = ?, updated_at = ? where id = ?")
			.params(size, utc(this.clock.instant()), id)
			.update();
	}

	void advance(long id, long read, long applied, long skipped, long bytes) {
		this.jdbc.sql("""
				update projection_rebuild set records_read = records_read + ?, events_applied = events_applied + ?,
				records_skipped = records_skipped + ?, bytes_read = bytes_read + ?, updated_at = ? where id = ?""")
			.params(read, applied, skipped, bytes, utc(this.clock.instant()), id)
			.update();
	}

	void swapped(long id) {
		finish(id, "SWAPPED", null);
	}

	void failed(long id, String error) {
		finish(id, "FAILED", error);
	}

	private void finish(long id, String state, @Nullable String error) {
		Instant now = this.clock.instant();
		this.jdbc
			.sql("update projection_rebuild set state = ?, finished_at = ?, updated_at = ?, error = ? where id = ?")
			.params(state, utc(now), utc(now), error, id)
			.update();
	}

	Optional<RebuildStatus> latest() {
		return recent().stream().findFirst();
	}

	List<RebuildStatus> recent() {
		return this.jdbc.sql("select * from projection_rebuild order by id desc limit ?")
			.param(RECENT)
			.query(this::status)
			.list();
	}

	private RebuildStatus status(ResultSet rs, int row) throws SQLException {
		Instant started = rs.getObject("started_at", OffsetDateTime.class).toInstant();
		Instant updated = rs.getObject("updated_at", OffsetDateTime.class).toInstant();
		OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
		long read = rs.getLong("records_read");
		return new RebuildStatus(rs.getLong("id"), rs.getString("state"), started, updated,
				(finished != null) ? finished.toInstant() : null, rs.getLong("history_size"), read,
				rs.getLong("events_applied"), rs.getLong("records_skipped"),
				(read > 0) ? rs.getLong("bytes_read") / read : 0,
				RebuildStatus.rate(read, started, (finished != null) ? finished.toInstant() : updated),
				rs.getString("error"));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
