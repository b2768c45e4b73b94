package com.eventshop.localstack.identity;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A machine client's token that stays fresh: fetched with client credentials on first use
 * and again once it has less than a minute left, so a long test or benchmark run never
 * sends an expired one. Supplies the {@code Authorization} header value.
 */
public final class ClientToken implements Supplier<String> {

	private static final Duration MARGIN = Duration.ofMinutes(1);

	private final AuthClient auth;

	private final String clientId;

	private final String secret;

	private @Nullable AccessToken current;

	public ClientToken(AuthClient auth, String clientId, String secret) {
		this.auth = auth;
		this.clientId = clientId;
		this.secret = secret;
	}

	/**
	 * One of the machine clients auth-server registers ({@code demo},
	 * {@code load-generator}, {@code operator-cli}), with its secret from
	 * {@code EVENTSHOP_CLIENT_SECRET_<ID>} in {@code settings} or else its demo default
	 * (see docs/security.md).
	 */
	public static ClientToken of(AuthClient auth, String clientId, Map<String, String> settings) {
		String variable = "EVENTSHOP_CLIENT_SECRET_" + clientId.toUpperCase(Locale.ROOT).replace('-', '_');
		String secret = settings.get(variable);
		return new ClientToken(auth, clientId,
				(secret == null || secret.isEmpty()) ? clientId + "-demo-secret" : secret);
	}

	@Override
	public synchronized String get() {
		AccessToken token = this.current;
		if (token == null || token.expiresWithin(MARGIN)) {
			token = this.auth.clientCredentials(this.clientId, this.secret);
			this.current = token;
		}
		return token.header();
	}

}
