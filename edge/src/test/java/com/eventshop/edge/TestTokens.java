package com.eventshop.edge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Access tokens for the gateway's authorization corpus: good ones signed with the
 * authorization server's own key (as it would issue them), and the bad kinds a caller may
 * send: expired, signed with another key, meant for another audience, from another
 * issuer.
 */
final class TestTokens {

	private final NimbusJwtEncoder server;

	private final NimbusJwtEncoder stranger;

	private final String issuer;

	TestTokens(JWKSource<SecurityContext> serverKeys, String issuer) {
		this.server = new NimbusJwtEncoder(serverKeys);
		this.issuer = issuer;
		try {
			this.stranger = new NimbusJwtEncoder(
					new ImmutableJWKSet<>(new JWKSet(new RSAKeyGenerator(2048).generate())));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String customer(String subject) {
		return sign(this.server, claims(subject, "customer", this.issuer, "eventshop", Instant.now()));
	}

	String operator(String subject) {
		return sign(this.server, claims(subject, "operator", this.issuer, "eventshop", Instant.now()));
	}

	String expired(String subject) {
		return sign(this.server,
				claims(subject, "customer", this.issuer, "eventshop", Instant.now().minus(Duration.ofHours(2))));
	}

	String otherKey(String subject) {
		return sign(this.stranger, claims(subject, "customer", this.issuer, "eventshop", Instant.now()));
	}

	String otherAudience(String subject) {
		return sign(this.server, claims(subject, "customer", this.issuer, "another-api", Instant.now()));
	}

	String otherIssuer(String subject) {
		return sign(this.server, claims(subject, "customer", "http://elsewhere.test", "eventshop", Instant.now()));
	}

	private static JwtClaimsSet claims(String subject, String role, String issuer, String audience, Instant issued) {
		return JwtClaimsSet.builder()
			.subject(subject)
			.issuer(issuer)
			.audience(List.of(audience))
			.claim("roles", List.of(role))
			.issuedAt(issued)
			.expiresAt(issued.plus(Duration.ofMinutes(10)))
			.build();
	}

	private static String sign(NimbusJwtEncoder encoder, JwtClaimsSet claims) {
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
	}

}
