package com.eventshop.auth.token;

import java.util.List;

import com.eventshop.auth.AuthSettings;
import com.eventshop.auth.AuthSettings.Role;
import com.eventshop.auth.users.DemoUsers;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Adds what the services authorize by. A signed-in person's tokens carry {@code sub} =
 * their user name (the customer id), {@code name}, {@code email} and {@code roles}; a
 * machine client's access token carries {@code sub} = its client id and the roles
 * configured for it. Every access token is addressed to the configured audience, so a
 * token minted for some other API is refused by the services. ID tokens keep the client
 * as their audience, as OIDC requires.
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String ROLES = "roles";

	private final AuthSettings settings;

	private final DemoUsers users;

	TokenClaims(AuthSettings settings, DemoUsers users) {
		this.settings = settings;
		this.users = users;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
		boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
		if (!accessToken && !idToken) {
			return;
		}
		var claims = context.getClaims();
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			String clientId = context.getRegisteredClient().getClientId();
			claims.claim(ROLES, claimValues(this.settings.clientRoles().getOrDefault(clientId, List.of())));
			claims.claim("name", context.getRegisteredClient().getClientName());
		}
		else {
			this.users.profile(context.getPrincipal().getName()).ifPresent((user) -> {
				claims.claim(ROLES, claimValues(List.of(user.role())));
				// the services see only the access token and need the customer's name and
				// address for an order, so these go there as well as into the ID token
				claims.claim("name", user.name());
				claims.claim("email", user.email());
			});
		}
		if (accessToken) {
			claims.audience(List.of(this.settings.audience()));
		}
	}

	private static List<String> claimValues(List<Role> roles) {
		return roles.stream().map(Role::claimValue).toList();
	}

}
