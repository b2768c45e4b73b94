package com.eventshop.order.ordering;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.eventshop.web.security.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The events the order service published about one order, oldest first, as its outbox
 * recorded them: what a person needs to follow the saga by event (id, type, the event
 * that caused it, the trace). An event that another service published shows here as the
 * cause of the order's answer to it (e.g. the {@code InventoryReserved} event's id is the
 * causation id of {@code OrderConfirmed}). Rows the outbox has purged are gone from here
 * too. Like the order itself: another customer's order is 404, an operator sees all.
 */
@RestController
class OrderEventsController {

	private final OrderManagement orders;

	private final JdbcClient jdbc;

	OrderEventsController(OrderManagement orders, JdbcClient jdbc) {
		this.orders = orders;
		this.jdbc = jdbc;
	}

	@GetMapping("/api/orders/{id}/events")
	@ApiResponse(responseCode = "200", useReturnTypeSchema = true,
			description = "The order's events as published (or waiting to be), oldest first")
	@ApiResponse(responseCode = "404",
			description = "urn:eventshop:problem:not-found when there is no such order, or it is another customer's")
	List<PublishedEvent> events(@PathVariable UUID id) {
		this.orders.find(id, Caller.current());
		return this.jdbc.sql("""
				select event_id, event_type, causation_id, occurred_at, published_at, traceparent
				  from messaging.outbox where subject = ? order by id""")
			.param(id.toString())
			.query((row, number) -> new PublishedEvent(row.getObject("event_id", UUID.class),
					row.getString("event_type"), row.getString("causation_id"),
					row.getTimestamp("occurred_at").toInstant(), instant(row.getTimestamp("published_at")),
					traceId(row.getString("traceparent"))))
			.list();
	}

	private static @Nullable Instant instant(java.sql.@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * The trace id of a W3C {@code traceparent}
	 * ({@code 00-<trace id>-<span id>-<flags>}).
	 */
	private static @Nullable String traceId(@Nullable String traceparent) {
		return (traceparent != null && traceparent.length() >= 35) ? traceparent.substring(3, 35) : null;
	}

	/**
	 * One event of the order.
	 *
	 * @param eventId the CloudEvents id ({@code ce_id})
	 * @param type the CloudEvents type, e.g. {@code shop.order.confirmed.v1}
	 * @param causationId the id of the event this one answers ({@code ce_causationid})
	 * @param occurredAt when it happened
	 * @param publishedAt when Kafka acknowledged it; absent while it waits in the outbox
	 * @param traceId the W3C trace it belongs to
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PublishedEvent(UUID eventId, String type, @Nullable String causationId, Instant occurredAt,
			@Nullable Instant publishedAt, @Nullable String traceId) {
	}

}
