package com.eventshop.web.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * How a service checks bearer tokens, under {@code eventshop.security}. Each service's
 * {@code application.yml} binds them to {@code AUTH_ISSUER_URI}, {@code AUTH_JWK_SET_URI}
 * and {@code AUTH_AUDIENCE}.
 *
 * @param issuerUri the authorization server; a token's {@code iss} must equal it
 * @param jwkSetUri where its public keys are ({@code <issuerUri>/oauth2/jwks} when
 * blank); fetched at the first token, so a service starts while the server is down
 * @param audience what a token's {@code aud} must contain
 * @param publicKeyLocation a PEM public key to trust instead of the key set (tests; a
 * deployment leaves it unset)
 * @param operatorPaths requests besides {@code /api/admin/**} that need the operator
 * role, each {@code "METHOD /path/pattern"} or {@code "/path/pattern"} (every method),
 * e.g. {@code "PUT /api/stock/**"}
 */
@ConfigurationProperties("eventshop.security")
public record SecurityProperties(@DefaultValue("http://localhost:9000") String issuerUri, @Nullable String jwkSetUri,
		@DefaultValue("eventshop") String audience, @Nullable Resource publicKeyLocation,
		@DefaultValue List<String> operatorPaths) {

	/** The key set's URI, defaulted from the issuer. */
	public String effectiveJwkSetUri() {
		if (this.jwkSetUri != null && !this.jwkSetUri.isBlank()) {
			return this.jwkSetUri;
		}
		return this.issuerUri.replaceAll("/+$", "") + "/oauth2/jwks";
	}

}
