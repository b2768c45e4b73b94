package com.eventshop.localstack.identity;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An access token as the token endpoint handed it out.
 *
 * @param value the JWT
 * @param refreshToken the refresh token, when the client gets one
 * @param expiresAt when the authorization server stops honouring the access token
 */
public record AccessToken(String value, @Nullable String refreshToken, Instant expiresAt) {

	/** The value of an {@code Authorization} header carrying this token. */
	public String header() {
		return "Bearer " + this.value;
	}

	/** Whether it expires within {@code margin} from now (or has expired). */
	public boolean expiresWithin(Duration margin) {
		return Instant.now().plus(margin).isAfter(this.expiresAt);
	}

}
