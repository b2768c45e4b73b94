package com.eventshop.order.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Warns at start when the request threads could take every database connection: under
 * load the saga's listeners and the outbox relay would then wait behind queued requests,
 * and orders would be accepted faster than they are confirmed.
 */
@Component
class ConnectionBudget implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionBudget.class);

	private final Environment environment;

	ConnectionBudget(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		String warning = warning();
		if (warning != null) {
			logger.warn(warning);
		}
	}

	/** The warning to give, or null when the request threads leave connections free. */
	String warning() {
		Integer threads = this.environment.getProperty("server.tomcat.threads.max", Integer.class);
		Integer pool = this.environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class);
		boolean virtual = this.environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false);
		if (virtual) {
			return "Requests run on virtual threads, one each: under load they can take every database "
					+ "connection, and the saga's listeners and the outbox relay wait behind them";
		}
		if (threads != null && pool != null && threads >= pool) {
			return "server.tomcat.threads.max (" + threads + ") is not below the database pool (" + pool
					+ "): under load requests can take every connection, and the saga's listeners and the "
					+ "outbox relay wait behind them; keep it a few below the pool";
		}
		return null;
	}

}
