package com.eventshop.loadtests.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JfrProfileTests {

	@Test
	void framesAreChargedToTheirLibrary() {
		assertThat(JfrProfile.area("org.postgresql.core.v3.QueryExecutorImpl.execute"))
			.isEqualTo("PostgreSQL JDBC driver");
		assertThat(JfrProfile.area("org.apache.kafka.clients.producer.KafkaProducer.send")).isEqualTo("Kafka client");
		assertThat(JfrProfile.area("com.eventshop.messaging.outbox.OutboxRelay.publishBatch"))
			.isEqualTo("EventShop code");
		assertThat(JfrProfile.area("net.example.Unknown.run")).isEqualTo("other");
	}

	@Test
	void theMostSpecificPackageWins() {
		assertThat(JfrProfile.area("org.springframework.kafka.listener.KafkaMessageListenerContainer.poll"))
			.isEqualTo("Spring Kafka");
		assertThat(JfrProfile.area("org.springframework.web.servlet.DispatcherServlet.doDispatch")).isEqualTo("Spring");
		assertThat(JfrProfile.area("org.hibernate.validator.internal.engine.ValidatorImpl.validate"))
			.isEqualTo("Bean Validation");
	}

	@Test
	void tracingIsChargedApartFromMetrics() {
		assertThat(JfrProfile.area("io.micrometer.core.instrument.Timer.record")).isEqualTo("metrics (Micrometer)");
		assertThat(JfrProfile.area("io.micrometer.tracing.brave.bridge.BraveTracer.nextSpan")).isEqualTo("tracing");
		assertThat(JfrProfile.area("brave.propagation.B3Propagation.inject")).isEqualTo("tracing");
		assertThat(JfrProfile.area("zipkin2.reporter.AsyncReporter.report")).isEqualTo("tracing");
	}

	@Test
	void jdkFramesAreRecognised() {
		assertThat(JfrProfile.isJdk("java.util.HashMap.get")).isTrue();
		assertThat(JfrProfile.isJdk("sun.nio.ch.SocketDispatcher.read0")).isTrue();
		assertThat(JfrProfile.isJdk("jdk.internal.misc.Unsafe.park")).isTrue();
		assertThat(JfrProfile.isJdk("javaxyz.Foo.bar")).isFalse();
	}

}
