package com.eventshop.analytics.rebuild;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.eventshop.analytics.facts.AnalyticsProjection;
import com.eventshop.analytics.rebuild.HistoryEvents.HistoryEvent;
import com.eventshop.messaging.consumer.PoisonEventException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The shadow projection: the projection's tables, empty, in schema {@value #SHADOW}, with
 * an inbox of their own (so events the live group has handled are handled again, and the
 * history's own duplicates only once). Events are applied to it with the transaction's
 * {@code search_path} pointing there first; {@link #swap()} moves it into {@code public}
 * in the caller's transaction. Every method runs in the caller's transaction.
 */
final class ShadowProjection {

	static final String SHADOW = "analytics_shadow";

	static final String RETIRED = "analytics_retired";

	private final JdbcClient jdbc;

	ShadowProjection(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Drops what an earlier, unfinished rebuild left and creates empty tables. */
	void create() {
		this.jdbc.sql("drop schema if exists " + SHADOW + " cascade").update();
		this.jdbc.sql("create schema " + SHADOW).update();
		for (String table : AnalyticsProjection.TABLES) {
			// defaults, checks, indexes and comments, not foreign keys: those are added
			// below, pointing at the shadow's own parents
			this.jdbc.sql("create table %s.%s (like public.%s including all)".formatted(SHADOW, table, table)).update();
		}
		List<ForeignKey> keys = this.jdbc.sql("""
				select c.conname, t.relname as child, pg_get_constraintdef(c.oid) as definition
				from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
				where c.contype = 'f' and n.nspname = 'public' and t.relname = any(?)""")
			.param(tables())
			.query((rs, row) -> new ForeignKey(rs.getString("conname"), rs.getString("child"),
					rs.getString("definition")))
			.list();
		// a definition names its parent unqualified, found in the shadow schema first
		this.jdbc.sql("set local search_path to " + SHADOW + ", public").update();
		for (ForeignKey key : keys) {
			this.jdbc.sql("alter table %s.%s add constraint %s %s".formatted(SHADOW, key.table(), key.name(),
					key.definition().replace("REFERENCES public.", "REFERENCES " + SHADOW + ".")))
				.update();
		}
		renameIndexesAsLive();
		this.jdbc.sql("create table " + SHADOW + ".rebuild_inbox (event_id uuid primary key)").update();
	}

	/**
	 * Applies the events of one batch, each once: one statement records the batch's new
	 * event ids, and only those are handed to the rules.
	 */
	int apply(List<HistoryEvent> events, AnalyticsProjection rules) {
		if (events.isEmpty()) {
			return 0;
		}
		UUID[] ids = events.stream().map(HistoryEvent::eventId).toArray(UUID[]::new);
		List<UUID> fresh = this.jdbc
			.sql("insert into " + SHADOW
					+ ".rebuild_inbox (event_id) select * from unnest(?) on conflict do nothing returning event_id")
			.param(new SqlArrayValue("uuid", (Object[]) ids))
			.query(UUID.class)
			.list();
		String livePath = this.jdbc.sql("select current_setting('search_path')").query(String.class).single();
		this.jdbc.sql("select set_config('search_path', ?, true)").param(SHADOW + ", " + livePath).query().listOfRows();
		int applied = 0;
		Set<UUID> wanted = new HashSet<>(fresh);
		for (HistoryEvent event : events) {
			if (wanted.remove(event.eventId())) {
				try {
					rules.apply(event.event());
					applied++;
				}
				catch (PoisonEventException ex) {
					// the live group dead-lettered it: a rule refuses such an event
					// before it writes anything, so skipping it leaves nothing behind
				}
			}
		}
		this.jdbc.sql("select set_config('search_path', ?, true)").param(livePath).query().listOfRows();
		return applied;
	}

	/**
	 * Takes the live tables for this transaction: the live group's writes and the
	 * summary's reads wait (or, past their lock timeout, fail and are retried) until it
	 * ends.
	 */
	void lockLive() {
		this.jdbc.sql("lock table " + String.join(", ", AnalyticsProjection.TABLES) + " in access exclusive mode")
			.update();
	}

	/** Moves the live tables out (and drops them) and the shadow ones in. */
	void swap() {
		this.jdbc.sql("drop schema if exists " + RETIRED + " cascade").update();
		this.jdbc.sql("create schema " + RETIRED).update();
		for (String table : AnalyticsProjection.TABLES) {
			this.jdbc.sql("alter table public.%s set schema %s".formatted(table, RETIRED)).update();
		}
		for (String table : AnalyticsProjection.TABLES) {
			this.jdbc.sql("alter table %s.%s set schema public".formatted(SHADOW, table)).update();
		}
		this.jdbc.sql("drop schema " + RETIRED + " cascade").update();
		this.jdbc.sql("drop schema " + SHADOW + " cascade").update();
	}

	/**
	 * Gives the shadow's indexes the names the live ones have (the copy names them
	 * itself), so the schema after a swap is the one the migrations made.
	 */
	private void renameIndexesAsLive() {
		Map<String, String> liveNames = new HashMap<>();
		indexes("public").forEach((index) -> liveNames.put(index.shape(), index.name()));
		for (Index index : indexes(SHADOW)) {
			String live = liveNames.get(index.shape());
			if (live != null && !live.equals(index.name())) {
				this.jdbc.sql("alter index %s.%s rename to %s".formatted(SHADOW, index.name(), live)).update();
			}
		}
	}

	private List<Index> indexes(String schema) {
		return this.jdbc.sql("select indexname, indexdef from pg_indexes where schemaname = ? and tablename = any(?)")
			.params(schema, tables())
			.query((rs, row) -> new Index(rs.getString("indexname"),
					rs.getString("indexdef").replaceFirst("INDEX \\S+ ON \\S+\\.", "INDEX ON ")))
			.list();
	}

	private static SqlArrayValue tables() {
		return new SqlArrayValue("text", AnalyticsProjection.TABLES.toArray());
	}

	private record ForeignKey(String name, String table, String definition) {
	}

	/** An index's name and its definition without its name and schema. */
	private record Index(String name, String shape) {
	}

}
