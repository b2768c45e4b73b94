package com.eventshop.email.notification;

import java.io.IOException;

import com.eventshop.testsupport.KafkaBrokers;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A real SMTP server (GreenMail) for the test context, on a port of its own that stays
 * the same when a test stops and starts the server again, behind a
 * {@link RefusingSmtpProxy} that can refuse chosen recipients. The service's mail
 * settings point at the proxy. Registered as a bean rather than with
 * {@code @DynamicPropertySource} so that every test class that imports it shares one
 * context.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestSmtpServer {

	private static final String HOST = "127.0.0.1";

	@Bean(destroyMethod = "stop")
	GreenMail greenMail() {
		GreenMail greenMail = new GreenMail(new ServerSetup(KafkaBrokers.freePort(), HOST, ServerSetup.PROTOCOL_SMTP));
		greenMail.start();
		return greenMail;
	}

	@Bean(destroyMethod = "close")
	RefusingSmtpProxy refusingSmtpProxy(GreenMail greenMail) throws IOException {
		return new RefusingSmtpProxy(HOST, greenMail.getSmtp().getPort());
	}

	@Bean
	DynamicPropertyRegistrar mailServerProperties(RefusingSmtpProxy proxy) {
		int port = proxy.port();
		return (registry) -> {
			registry.add("spring.mail.host", () -> HOST);
			registry.add("spring.mail.port", () -> port);
		};
	}

}
