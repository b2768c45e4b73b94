package com.eventshop.edge.console;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The caller's access token, as relayed to the services: a machine client's own bearer
 * token, or a signed-in browser's token from its session, renewed with the refresh token
 * when it has expired. A live stream asks on every look, so a stream outlives its token.
 * Call it on the request's own thread: the session is found through the request.
 */
@Component
public class RelayedToken {

	private final OAuth2AuthorizedClientManager clients;

	RelayedToken(OAuth2AuthorizedClientManager clients) {
		this.clients = clients;
	}

	public String of(Authentication caller) {
		if (caller instanceof JwtAuthenticationToken bearer) {
			return bearer.getToken().getTokenValue();
		}
		if (caller instanceof OAuth2AuthenticationToken login) {
			OAuth2AuthorizedClient client = this.clients
				.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(login.getAuthorizedClientRegistrationId())
					.principal(caller)
					.build());
			if (client != null) {
				return client.getAccessToken().getTokenValue();
			}
		}
		throw new IllegalStateException("No access token for " + caller.getName());
	}

}
