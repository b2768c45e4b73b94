package com.eventshop.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points a test context at the shared broker and a database of its own, and makes it
 * trust the {@link TestTokens}.
 */
class TestInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new Customizer();
	}

	/**
	 * All instances are equal, so contexts that differ in nothing else are cached and
	 * shared (and share their database).
	 */
	static final class Customizer implements ContextCustomizer {

		private static final String SOURCE_NAME = "eventshopTestInfrastructure";

		/** Where Spring puts {@code @DynamicPropertySource} values. */
		private static final String DYNAMIC_SOURCE_NAME = "Dynamic Test Properties";

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			TestInfrastructure infrastructure = TestInfrastructure.get();
			TestDatabase database = infrastructure.newDatabase();
			MapPropertySource source = new MapPropertySource(SOURCE_NAME,
					Map.of("spring.datasource.url", database.jdbcUrl(), "spring.datasource.username",
							database.username(), "spring.datasource.password", database.password(),
							"spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers(),
							"eventshop.security.public-key-location", TestTokens.publicKeyFile().toUri().toString(),
							"eventshop.security.issuer-uri", TestTokens.ISSUER, "eventshop.security.audience",
							TestTokens.AUDIENCE));
			// Below a test's own inlined and dynamic properties, above application.yml.
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
			}
			else if (sources.contains(DYNAMIC_SOURCE_NAME)) {
				sources.addAfter(DYNAMIC_SOURCE_NAME, source);
			}
			else {
				sources.addFirst(source);
			}
			ConfigurableListableBeanFactory beans = context.getBeanFactory();
			beans.registerSingleton("testDatabase", database);
			beans.registerSingleton("testInfrastructure", infrastructure);
			// Kafka clients for the tests themselves; Spring closes them (AutoCloseable)
			// with the context.
			String kafka = infrastructure.kafkaBootstrapServers();
			BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beans;
			registry.registerBeanDefinition("testEventPublisher",
					lazy(new RootBeanDefinition(EventPublisher.class, () -> new EventPublisher(kafka))));
			registry.registerBeanDefinition("testTopicReaders",
					lazy(new RootBeanDefinition(TopicReaders.class, () -> new TopicReaders(kafka))));
		}

		/** A context whose tests use no Kafka client of their own opens none. */
		private static RootBeanDefinition lazy(RootBeanDefinition definition) {
			definition.setLazyInit(true);
			return definition;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Customizer;
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

}
