package com.eventshop.email.notification;

import java.util.List;
import java.util.UUID;

import com.eventshop.web.security.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/emails?orderId=}: the e-mails of one order and whether they were sent.
 * A missing or malformed {@code orderId} is answered by Spring MVC with a 400 problem
 * detail. A customer sees only the e-mails of their own orders (those of another's order
 * are answered as for an order without e-mails: an empty list); an operator sees all.
 */
@RestController
@RequestMapping("/api/emails")
class EmailController {

	private final Notifications notifications;

	EmailController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping
	List<Notification> list(@RequestParam UUID orderId) {
		return this.notifications.findByOrder(orderId, Caller.current());
	}

}
