package com.eventshop.email.notification;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/emails/failed?limit=}: the e-mails the mail server refused for
 * good, most recent first, with its reply ({@code limit} 100 unless given, at most 1000).
 * Operator only, like everything under {@code /api/admin/**}. They are not retried; an
 * operator who fixes the cause (a typo in an address, say) reads here which customers
 * were not told.
 */
@RestController
class FailedEmailController {

	private final Notifications notifications;

	FailedEmailController(Notifications notifications) {
		this.notifications = notifications;
	}

	/** Most e-mails one listing returns, whatever {@code limit} asks for. */
	static final int MAX_LIMIT = 1000;

	@GetMapping("/api/admin/emails/failed")
	List<FailedEmail> failed(@RequestParam(defaultValue = "100") int limit) {
		return this.notifications.findFailed(Math.clamp(limit, 1, MAX_LIMIT));
	}

}
