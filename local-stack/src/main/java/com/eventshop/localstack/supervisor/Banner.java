package com.eventshop.localstack.supervisor;

import java.time.Duration;

/** Where everything is, printed once the stack is up: the front door first. */
final class Banner {

	private Banner() {
	}

	static String text(LocalStack stack, Duration took) {
		int order = stack.port("ORDER_PORT");
		return """

				EventShop is running (started in %d s)

				  console     %s/console/   shop, my orders, an order's live journey
				  gateway     %s   the console and the API (/api/**), one door for all
				  sign in     %s   demo users (demo passwords, see docs/security.md):
				              ada / ada-demo, grace / grace-demo, hedy / hedy-demo (customers)
				              operator / operator-demo (operator)

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

				Operator calls (dead letters under /api/admin/**, PUT /api/stock/{sku}, analytics):
				  a token of the client operator-cli (secret operator-cli-demo-secret, a demo default)

				Try it (a token for the demo client, then through the gateway):
				  TOKEN=$(curl -s -u demo:demo-demo-secret -d grant_type=client_credentials \\
				    %s/oauth2/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
				  curl -s -H "Authorization: Bearer $TOKEN" %s/api/products
				  curl -s %s/api/orders -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{
				    "lines": [{"sku": "MUG-001", "quantity": 2}],
				    "shippingAddress": {"line1": "12 St James Square", "city": "London", "postalCode": "SW1Y 4JH", "country": "GB"}}'
				  scripts/demo.sh        # a few orders and their journeys
				  scripts/local-stack.sh kill email; scripts/local-stack.sh restart email
				"""
			.formatted(took.toSeconds(), stack.gateway(), stack.gateway(), stack.issuer(), order, order,
					stack.port("INVENTORY_PORT"), stack.port("EMAIL_PORT"), stack.port("SHIPPING_PORT"),
					stack.port("ANALYTICS_PORT"), stack.port("MAIL_PORT"), stack.port("GREENMAIL_API_PORT"),
					stack.port("KAFKA_PORT"), stack.dir().resolve(stack.scaled() ? "kafka-cluster" : "kafka/data"),
					order, stack.port("ZIPKIN_PORT"), stack.dir().resolve("logs"), stack.issuer(), stack.gateway(),
					stack.gateway())
				+ (stack.scaled() ? scaled(stack) : "");
	}

	private static String scaled(LocalStack stack) {
		StringBuilder text = new StringBuilder("\nScaled out: Kafka brokers ").append(stack.bootstrapServers())
			.append(" (kafka, kafka-2, kafka-3; data in ")
			.append(stack.dir().resolve("kafka-cluster"))
			.append("),\nsecond instances (the gateway balances over both):");
		for (Service service : LocalStack.SERVICES) {
			text.append(' ')
				.append(service.name())
				.append("-2 :")
				.append(stack.port(ProcessCatalog.instancePort(service, 2)));
		}
		return text.append("\n  scripts/local-stack.sh kill kafka-2; scripts/local-stack.sh restart kafka-2\n")
			.toString();
	}

}
