package com.eventshop.edge.console.ops;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The {@code load-generator} client's access token (client credentials, customer role),
 * fetched from the authorization server's token endpoint and renewed a minute before it
 * expires.
 */
final class LoadToken {

	private final RestClient http;

	private final String tokenUri;

	private final String secret;

	private @Nullable String value;

	private Instant renewAt = Instant.MIN;

	LoadToken(RestClient http, String tokenUri, String secret) {
		this.http = http;
		this.tokenUri = tokenUri;
		this.secret = secret;
	}

	synchronized String value() {
		if (this.value == null || Instant.now().isAfter(this.renewAt)) {
			var form = new LinkedMultiValueMap<String, String>();
			form.add("grant_type", "client_credentials");
			JsonNode answer = this.http.post()
				.uri(this.tokenUri)
				.headers((headers) -> headers.setBasicAuth("load-generator", this.secret))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(form)
				.retrieve()
				.body(JsonNode.class);
			if (answer == null || answer.path("access_token").asString().isEmpty()) {
				throw new IllegalStateException("No token for the load-generator client from " + this.tokenUri);
			}
			this.value = answer.path("access_token").asString();
			long lifetime = answer.path("expires_in").asLong(300);
			this.renewAt = Instant.now().plus(Duration.ofSeconds(Math.max(lifetime - 60, 10)));
		}
		return this.value;
	}

}
