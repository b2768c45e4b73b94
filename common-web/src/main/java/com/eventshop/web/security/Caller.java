package com.eventshop.web.security;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who sent the current request, from its access token: a customer (the token's
 * {@code sub} is the customer id) or an operator. Controllers ask it whose data a caller
 * may see; a request never names its own customer.
 *
 * @param id the token's subject: a customer id, or a client id for machine clients
 * @param name the {@code name} claim, when the token has one
 * @param email the {@code email} claim, when the token has one
 * @param operator whether the token carries the operator role
 */
public record Caller(String id, @Nullable String name, @Nullable String email, boolean operator) {

	/**
	 * The caller of the current request.
	 * @throws IllegalStateException outside an authenticated request, which the filter
	 * chain does not let through to a controller
	 */
	public static Caller current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			throw new IllegalStateException("No bearer token authenticated this request");
		}
		Jwt jwt = token.getToken();
		boolean operator = token.getAuthorities()
			.stream()
			.anyMatch((authority) -> Roles.OPERATOR_AUTHORITY.equals(authority.getAuthority()));
		return new Caller(Objects.requireNonNull(jwt.getSubject(), "sub"), jwt.getClaimAsString("name"),
				jwt.getClaimAsString("email"), operator);
	}

	/**
	 * Whether this caller may see or change what belongs to a customer: the customer
	 * themself, or an operator. Anyone else is answered as if it did not exist (404), so
	 * that ids cannot be probed.
	 */
	public boolean mayAccess(@Nullable String customerId) {
		return this.operator || this.id.equals(customerId);
	}

}
