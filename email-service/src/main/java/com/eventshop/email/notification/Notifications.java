package com.eventshop.email.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.eventshop.web.security.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Notifications in the {@code notification} table.
 */
@Repository
class Notifications {

	/** Longest error text kept; a mail server's whole transcript helps nobody. */
	private static final int MAX_ERROR_LENGTH = 2000;

	private final JdbcClient jdbc;

	Notifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records an e-mail to send, due now, unless the order already has one of this kind.
	 * @return whether it was recorded
	 */
	boolean add(UUID orderId, String kind, String customerId, String recipient, EmailTemplates.Email email,
			Instant now) {
		Timestamp at = Timestamp.from(now);
		return this.jdbc.sql("""
				insert into notification (id, order_id, kind, customer_id, recipient, subject, body, status,
				                          attempts, next_attempt_at, created_at)
				values (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
				on conflict (order_id, kind) do nothing""")
			.params(UUID.randomUUID(), orderId, kind, customerId, recipient, email.subject(), email.body(), at, at)
			.update() == 1;
	}

	/**
	 * Locks the pending e-mail that has been due longest, skipping those that another
	 * dispatcher holds; the lock lasts until the caller's transaction ends.
	 */
	Optional<Due> claimNextDue(Instant now) {
		return this.jdbc.sql("""
				select id, recipient, subject, body, attempts from notification
				where status = 'PENDING' and next_attempt_at <= ?
				order by next_attempt_at
				limit 1
				for update skip locked""").param(Timestamp.from(now)).query(Due.class).optional();
	}

	void markSent(UUID id, Instant now) {
		this.jdbc.sql("update notification set status = 'SENT', attempts = attempts + 1, sent_at = ? where id = ?")
			.params(Timestamp.from(now), id)
			.update();
	}

	void markFailed(UUID id, String error, Instant nextAttempt) {
		this.jdbc.sql("""
				update notification set attempts = attempts + 1, last_error = ?, next_attempt_at = ?
				where id = ?""").params(truncated(error), Timestamp.from(nextAttempt), id).update();
	}

	private static String truncated(String error) {
		return (error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error;
	}

	/**
	 * Ends an e-mail that the mail server refused for good: FAILED, with its reply, and
	 * never attempted again.
	 */
	void markRejected(UUID id, String error, Instant now) {
		this.jdbc.sql("""
				update notification set status = 'FAILED', attempts = attempts + 1, last_error = ?, failed_at = ?
				where id = ?""").params(truncated(error), Timestamp.from(now), id).update();
	}

	/** The e-mails that failed for good, most recent first. */
	List<FailedEmail> findFailed(int limit) {
		return this.jdbc.sql("""
				select id, order_id, kind, recipient, attempts, last_error, created_at, failed_at
				from notification where status = 'FAILED'
				order by failed_at desc, id
				limit ?""")
			.param(limit)
			.query((rs, row) -> new FailedEmail(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
					rs.getString("kind"), rs.getString("recipient"), rs.getInt("attempts"),
					String.valueOf(rs.getString("last_error")), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("failed_at").toInstant()))
			.list();
	}

	long countFailed() {
		return this.jdbc.sql("select count(*) from notification where status = 'FAILED'").query(Long.class).single();
	}

	long countPending() {
		return this.jdbc.sql("select count(*) from notification where status = 'PENDING'").query(Long.class).single();
	}

	/** Seconds the oldest pending e-mail has waited since it was recorded; 0 if none. */
	double oldestPendingAge() {
		return this.jdbc.sql("""
				select coalesce(extract(epoch from clock_timestamp() - min(created_at)), 0)
				from notification where status = 'PENDING'""").query(Double.class).single();
	}

	List<Notification> findByOrder(UUID orderId, Caller caller) {
		return this.jdbc.sql("""
				select kind, recipient, subject, status, attempts, created_at, sent_at
				from notification where order_id = ? and (? or customer_id = ?)
				order by created_at, kind""").params(orderId, caller.operator(), caller.id()).query((rs, row) -> {
			Timestamp sentAt = rs.getTimestamp("sent_at");
			return new Notification(rs.getString("kind"), rs.getString("recipient"), rs.getString("subject"),
					rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
					(sentAt != null) ? sentAt.toInstant() : null);
		}).list();
	}

	/**
	 * A pending e-mail, claimed for sending.
	 *
	 * @param id the notification, also the source of the {@code Message-ID}
	 * @param recipient to whom
	 * @param subject the subject line
	 * @param body the plain-text body
	 * @param attempts attempts so far
	 */
	record Due(UUID id, String recipient, String subject, String body, int attempts) {
	}

}
