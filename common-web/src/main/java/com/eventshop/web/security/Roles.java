package com.eventshop.web.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The roles of the shop and how a token's {@code roles} claim ({@code ["customer"]},
 * {@code ["operator"]}) becomes Spring authorities ({@code ROLE_CUSTOMER},
 * {@code ROLE_OPERATOR}).
 */
public final class Roles implements Converter<Jwt, Collection<GrantedAuthority>> {

	/** Operator endpoints, actuator details and metrics need it. */
	public static final String OPERATOR = "OPERATOR";

	public static final String CUSTOMER = "CUSTOMER";

	static final String OPERATOR_AUTHORITY = "ROLE_" + OPERATOR;

	static final String CLAIM = "roles";

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		List<String> roles = jwt.getClaimAsStringList(CLAIM);
		List<GrantedAuthority> authorities = new ArrayList<>();
		if (roles != null) {
			for (String role : roles) {
				if (role != null && role.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
					authorities.add(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)));
				}
			}
		}
		return authorities;
	}

}
