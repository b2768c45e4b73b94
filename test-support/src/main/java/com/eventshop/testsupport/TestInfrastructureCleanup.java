package com.eventshop.testsupport;

import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes the {@link TopicReaders} a test method opened, so that no test class needs an
 * {@code @AfterEach} for it. Registered for every test through
 * {@code META-INF/spring.factories}; it does nothing for a test without a context of
 * {@link WithTestInfrastructure}.
 */
class TestInfrastructureCleanup implements TestExecutionListener {

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			testContext.getApplicationContext().getBeanProvider(TopicReaders.class).ifAvailable(TopicReaders::close);
		}
	}

}
