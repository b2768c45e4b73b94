package com.eventshop.localstack.supervisor;

import java.util.Locale;

/**
 * One of the stack's services.
 *
 * @param name what the stack calls it; its module is {@code <name>-service}
 * @param defaultPort where it listens unless {@code <NAME>_PORT} says otherwise
 * @param database its database, and the login that owns it
 */
public record Service(String name, int defaultPort, String database) {

	public String module() {
		return this.name + "-service";
	}

	/** Its variables start with this: ORDER_PORT, ORDER_DB_URL, ... */
	public String variablePrefix() {
		return this.name.toUpperCase(Locale.ROOT);
	}

}
