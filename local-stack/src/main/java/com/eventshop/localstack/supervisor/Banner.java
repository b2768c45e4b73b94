package com.eventshop.localstack.supervisor;

import java.time.Duration;

/** Where everything is, printed once the stack is up. */
final class Banner {

	private Banner() {
	}

	static String text(LocalStack stack, Duration took) {
		int order = stack.port("ORDER_PORT");
		String password = (System.getenv("EVENTSHOP_ADMIN_PASSWORD") != null
				&& !System.getenv("EVENTSHOP_ADMIN_PASSWORD").isEmpty())
						? "EVENTSHOP_ADMIN_PASSWORD (from your environment)" : stack.dir().resolve("admin-password")
								+ " (generated once; set EVENTSHOP_ADMIN_PASSWORD to choose one)";
		return """

				EventShop is running (started in %d s)

				  order       http://localhost:%d/api/orders   catalog: http://localhost:%d/api/products
				  inventory   http://localhost:%d/api/stock
				  email       http://localhost:%d/api/emails?orderId=...
				  shipping    http://localhost:%d/api/shipments/{orderId}
				  analytics   http://localhost:%d/api/analytics/summary
				  e-mails     GreenMail, SMTP on localhost:%d; read them at
				              http://localhost:%d/api/user/{address}/messages/INBOX
				  Kafka       localhost:%d (data in %s)
				  metrics     http://localhost:%d/actuator/prometheus (and on every other service's port)
				  traces      Zipkin, http://localhost:%d/zipkin/ (docs/observability.md)
				  logs        %s/<name>.log

				Admin login (dead letters under /api/admin/**, PUT /api/stock/{sku}): user '%s',
				password in %s

				Try it:
				  curl -s localhost:%d/api/products
				  curl -s localhost:%d/api/orders -H 'Content-Type: application/json' -d '{
				    "customer": {"id": "c-1", "name": "Ada Lovelace", "email": "ada@example.com"},
				    "lines": [{"sku": "MUG-001", "quantity": 2}],
				    "shippingAddress": {"line1": "12 St James Square", "city": "London", "postalCode": "SW1Y 4JH", "country": "GB"}}'
				  scripts/demo.sh        # a few orders and their journeys
				  scripts/local-stack.sh kill email; scripts/local-stack.sh restart email
				"""
			.formatted(took.toSeconds(), order, order, stack.port("INVENTORY_PORT"), stack.port("EMAIL_PORT"),
					stack.port("SHIPPING_PORT"), stack.port("ANALYTICS_PORT"), stack.port("MAIL_PORT"),
					stack.port("GREENMAIL_API_PORT"), stack.port("KAFKA_PORT"), stack.dir().resolve("kafka/data"),
					order, stack.port("ZIPKIN_PORT"), stack.dir().resolve("logs"), stack.adminUser(), password, order,
					order);
	}

}
