package com.eventshop.loadtests.baseline;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdentityCostTests {

	private HttpServer server;

	private RSAKey key;

	@BeforeEach
	void anAuthorizationServersKeySetAndAService() throws Exception {
		this.key = new RSAKeyGenerator(2048).keyID("test").generate();
		byte[] jwks = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/oauth2/jwks", (exchange) -> {
			exchange.sendResponseHeaders(200, jwks.length);
			exchange.getResponseBody().write(jwks);
			exchange.close();
		});
		this.server.createContext("/api/products", (exchange) -> {
			exchange.sendResponseHeaders(200, 2);
			exchange.getResponseBody().write("[]".getBytes(StandardCharsets.UTF_8));
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	private String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private String bearer(RSAKey signingKey) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(),
				new JWTClaimsSet.Builder().subject("ada")
					.issueTime(new Date())
					.expirationTime(Date.from(Instant.now().plusSeconds(600)))
					.build());
		jwt.sign(new RSASSASigner(signingKey));
		return "Bearer " + jwt.serialize();
	}

	@Test
	void aTokenCheckCostsSomeCpuAndReallyChecksTheSignature() throws Exception {
		assertThat(IdentityCost.jwtMicros(URI.create(base()), bearer(this.key), 200)).isPositive();
		RSAKey other = new RSAKeyGenerator(2048).keyID("test").generate();
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> IdentityCost.jwtMicros(URI.create(base()), bearer(other), 1));
	}

	@Test
	void everySequentialRequestIsTimed() throws Exception {
		assertThat(new IdentityCost().sequential(base(), "/api/products", bearer(this.key), 50).count()).isEqualTo(50);
	}

}
