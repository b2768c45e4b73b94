package com.eventshop.edge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * The {@code roles} claim of EventShop's tokens ({@code ["operator"]}) as Spring
 * authorities ({@code ROLE_OPERATOR}), as the services read it, for both ways in: a
 * signed-in browser (the ID token's claims) and a machine client's bearer token. The
 * authorities Spring gives by default (the scopes) are kept.
 */
final class TokenRoles {

	/** The role the operator endpoints need. */
	static final String OPERATOR = "OPERATOR";

	private static final String CLAIM = "roles";

	private TokenRoles() {
	}

	/** For the browser's sign-in: adds the roles found in the user's claims. */
	static GrantedAuthoritiesMapper ofSignedInUser() {
		return (authorities) -> {
			List<GrantedAuthority> mapped = new ArrayList<>(authorities);
			for (GrantedAuthority authority : authorities) {
				if (authority instanceof OAuth2UserAuthority user) {
					mapped.addAll(roles(user.getAttributes().get(CLAIM)));
				}
			}
			return mapped;
		};
	}

	/** For a bearer token: its scopes and its roles. */
	static JwtAuthenticationConverter ofBearerToken() {
		JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter((Jwt jwt) -> {
			List<GrantedAuthority> mapped = new ArrayList<>(scopes.convert(jwt));
			mapped.addAll(roles(jwt.getClaims().get(CLAIM)));
			return mapped;
		});
		return converter;
	}

	private static List<GrantedAuthority> roles(@Nullable Object claim) {
		List<GrantedAuthority> roles = new ArrayList<>();
		if (claim instanceof Collection<?> values) {
			for (Object role : values) {
				if (role instanceof String name && name.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
					roles.add(new SimpleGrantedAuthority("ROLE_" + name.toUpperCase(Locale.ROOT)));
				}
			}
		}
		return roles;
	}

}
