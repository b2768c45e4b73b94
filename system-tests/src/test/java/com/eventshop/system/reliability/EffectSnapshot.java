package com.eventshop.system.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.eventshop.localstack.supervisor.LocalStack;
import com.eventshop.localstack.supervisor.Service;

/**
 * Everything the system has done, as comparable text: the row count of every table of
 * every service (its own and its messaging tables), and the contents that a duplicate
 * would change (stock levels, order, e-mail and shipment statuses, analytics totals).
 */
final class EffectSnapshot {

	private static final Map<String, List<String>> CONTENTS = Map.of("orders",
			List.of("select status, count(*) from customer_order group by status order by status"), "inventory",
			List.of("select sku, available, reserved from stock order by sku"), "email",
			List.of("select kind, status, count(*) from notification group by kind, status order by kind, status"),
			"shipping", List.of("select status, count(*) from shipment group by status order by status"), "analytics",
			List.of("select count(*), sum(total), sum(units) from order_fact"));

	private EffectSnapshot() {
	}

	/** Query (with its database) to its answer, for every service. */
	static Map<String, String> of(FaultStack stack) throws SQLException {
		Map<String, String> answers = new TreeMap<>();
		for (String name : LocalStack.SERVICES.stream().map(Service::database).toList()) {
			try (Connection connection = stack.connect(stack.database(name));
					Statement statement = connection.createStatement()) {
				List<String> queries = new ArrayList<>(CONTENTS.get(name));
				try (ResultSet tables = statement.executeQuery("select table_schema || '.' || table_name"
						+ " from information_schema.tables where table_schema in ('public', 'messaging')"
						+ " and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'")) {
					while (tables.next()) {
						queries.add("select count(*) from " + tables.getString(1));
					}
				}
				for (String query : queries) {
					answers.put(name + ": " + query, answer(statement, query));
				}
			}
		}
		return answers;
	}

	private static String answer(Statement statement, String query) throws SQLException {
		StringBuilder text = new StringBuilder();
		try (ResultSet rows = statement.executeQuery(query)) {
			ResultSetMetaData columns = rows.getMetaData();
			while (rows.next()) {
				for (int column = 1; column <= columns.getColumnCount(); column++) {
					text.append(rows.getString(column)).append(column < columns.getColumnCount() ? "," : ";");
				}
			}
		}
		return text.toString();
	}

}
