package com.eventshop.system.saga;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import com.eventshop.analytics.AnalyticsServiceApplication;
import com.eventshop.email.EmailServiceApplication;
import com.eventshop.inventory.InventoryServiceApplication;
import com.eventshop.order.OrderServiceApplication;
import com.eventshop.shipping.ShippingServiceApplication;
import com.eventshop.testsupport.KafkaBrokers;
import com.eventshop.testsupport.TestDatabase;
import com.eventshop.testsupport.TestInfrastructure;
import com.eventshop.testsupport.TestTokens;
import com.eventshop.testsupport.http.ServiceClient;
import com.eventshop.testsupport.http.ServiceClient.Response;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The five services running together as separate Spring applications in this JVM, each
 * with its own database on the test PostgreSQL server, all on the test broker, with
 * GreenMail as the real SMTP server. Configured only through properties, as the services
 * are in production.
 */
final class RunningShop implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	final GreenMail mail;

	final String kafka;

	private final Map<String, Service> services = new LinkedHashMap<>();

	private RunningShop(GreenMail mail, String kafka) {
		this.mail = mail;
		this.kafka = kafka;
	}

	/**
	 * Starts the system.
	 * @param warehouseDelay how long shipping waits between confirmation and dispatch
	 */
	static RunningShop start(String warehouseDelay) {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		GreenMail mail = new GreenMail(
				new ServerSetup(KafkaBrokers.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		RunningShop shop = new RunningShop(mail, infrastructure.kafkaBootstrapServers());
		try {
			shop.add("order", OrderServiceApplication.class, infrastructure);
			shop.add("inventory", InventoryServiceApplication.class, infrastructure);
			shop.add("email", EmailServiceApplication.class, infrastructure, "--spring.mail.host=127.0.0.1",
					"--spring.mail.port=" + mail.getSmtp().getPort());
			shop.add("shipping", ShippingServiceApplication.class, infrastructure,
					"--eventshop.shipping.warehouse-delay=" + warehouseDelay);
			shop.add("analytics", AnalyticsServiceApplication.class, infrastructure);
		}
		catch (RuntimeException ex) {
			shop.close();
			throw ex;
		}
		return shop;
	}

	private void add(String name, Class<?> application, TestInfrastructure infrastructure, String... extra) {
		TestDatabase database = infrastructure.newDatabase();
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--spring.kafka.bootstrap-servers=" + this.kafka,
				"--eventshop.security.public-key-location=" + TestTokens.publicKeyFile().toUri(),
				"--eventshop.security.issuer-uri=" + TestTokens.ISSUER,
				"--eventshop.security.audience=" + TestTokens.AUDIENCE,
				"--eventshop.messaging.outbox.poll-interval=100ms", "--spring.datasource.hikari.maximum-pool-size=5"));
		args.add("--spring.config.location=file:" + ownConfig(application));
		args.addAll(List.of(extra));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.run(args.toArray(String[]::new));
		int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
		this.services.put(name,
				new Service(name, context, port, JdbcClient.create(context.getBean(javax.sql.DataSource.class))));
	}

	/**
	 * The service's own {@code application.yml}. All services share this JVM's classpath,
	 * where {@code classpath:application.yml} would find whichever jar comes first; this
	 * reads the file from the service's own classes folder or jar.
	 */
	private static Path ownConfig(Class<?> application) {
		try {
			Path code = Path.of(application.getProtectionDomain().getCodeSource().getLocation().toURI());
			if (Files.isDirectory(code)) {
				return code.resolve("application.yml");
			}
			Path copy = Files.createTempFile(application.getSimpleName(), ".yml");
			copy.toFile().deleteOnExit();
			try (JarFile jar = new JarFile(code.toFile());
					InputStream in = jar.getInputStream(jar.getEntry("application.yml"))) {
				Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
			}
			return copy;
		}
		catch (IOException | URISyntaxException ex) {
			throw new IllegalStateException("Cannot read the configuration of " + application.getName(), ex);
		}
	}

	Service service(String name) {
		Service service = this.services.get(name);
		if (service == null) {
			throw new IllegalArgumentException("No service " + name);
		}
		return service;
	}

	@Override
	public void close() {
		List<Service> started = new ArrayList<>(this.services.values());
		for (int i = started.size() - 1; i >= 0; i--) {
			started.get(i).context().close();
		}
		this.mail.stop();
	}

	/**
	 * One running service.
	 *
	 * @param name e.g. {@code order}
	 * @param context its application context
	 * @param port its HTTP port
	 * @param jdbc its own database
	 */
	record Service(String name, ConfigurableApplicationContext context, int port, JdbcClient jdbc) {

		/** Grace places and cancels the tests' orders; her e-mails go to her address. */
		private static final String CUSTOMER = TestTokens
			.bearer(TestTokens.customer("grace", "Grace Hopper", "grace@example.com"));

		/** The operator reads everything: orders, stock, shipments, e-mails. */
		private static final String OPERATOR = TestTokens.bearer(TestTokens.operator());

		Response get(String path) {
			return client().get(path, OPERATOR);
		}

		JsonNode json(String path) {
			Response response = get(path);
			if (response.status() != 200) {
				throw new IllegalStateException("GET " + path + " gave " + response);
			}
			return response.json();
		}

		Response post(String path, String body) {
			return client().exchange(HttpMethod.POST, path, path.startsWith("/api/orders") ? CUSTOMER : OPERATOR, body,
					(headers) -> {
					});
		}

		/**
		 * A counter of this service's consumer group, e.g.
		 * {@code eventshop.consumer.duplicates}.
		 */
		double counter(String name) {
			Counter counter = this.context.getBean(MeterRegistry.class).find(name).tag("group", this.name).counter();
			return (counter != null) ? counter.count() : 0;
		}

		private ServiceClient client() {
			return new ServiceClient(this.port);
		}

	}

}
