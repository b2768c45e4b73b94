package com.eventshop.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.eventshop.auth.users.DemoUser;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What EventShop adds to Spring Authorization Server's own settings.
 *
 * @param audience the {@code aud} of every access token: the services accept only tokens
 * meant for them
 * @param signingKeyFile a PEM file holding the RSA private key (PKCS#8) that signs
 * tokens; without one a key is generated at start, so tokens die with the process
 * @param users the people who can sign in, by user name (which becomes the token's
 * subject)
 * @param clientRoles the roles a machine client acts with, by client id, for tokens it
 * gets with client credentials
 * @param loadCustomers virtual customers for the load generator, signed in like people
 */
@ConfigurationProperties("eventshop.auth")
public record AuthSettings(@DefaultValue("eventshop") String audience, @Nullable Path signingKeyFile,
		@DefaultValue Map<String, DemoUser> users, @DefaultValue Map<String, List<Role>> clientRoles,
		@DefaultValue LoadCustomers loadCustomers) {

	public AuthSettings {
		// an unset environment variable arrives as an empty path: no key file
		if (signingKeyFile != null && signingKeyFile.toString().isBlank()) {
			signingKeyFile = null;
		}
	}

	/**
	 * {@code count} customers of each prefix, named {@code load-1} to
	 * {@code load-<count>}, all with one demo password, so that the load generator and
	 * the failure tests can sign each in (authorization code with PKCE) and place orders
	 * as many customers. None unless asked for.
	 *
	 * @param count how many of each prefix ({@code AUTH_LOAD_CUSTOMERS})
	 * @param password their shared password ({@code AUTH_LOAD_CUSTOMER_PASSWORD})
	 * @param prefixes their names' prefixes ({@code AUTH_LOAD_CUSTOMER_PREFIXES}, e.g.
	 * {@code load,marked} for tests that single some customers out)
	 * @param email one address for all of them ({@code AUTH_LOAD_CUSTOMER_EMAIL}), so a
	 * test reads their mail in one mailbox; empty: {@code <name>@load.eventshop.example}
	 */
	public record LoadCustomers(@DefaultValue("0") int count, @DefaultValue("load-demo") String password,
			@DefaultValue("load") List<String> prefixes, @DefaultValue("") String email) {

	}

	/** The roles the services authorize by, as they appear in the {@code roles} claim. */
	public enum Role {

		CUSTOMER, OPERATOR;

		public String claimValue() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
