package com.eventshop.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens for the services' in-JVM tests, shaped as the auth-server issues them
 * ({@code sub}, {@code name}, {@code email}, {@code roles}, {@code aud}, {@code iss}) and
 * signed with a key made for this JVM. {@link WithTestInfrastructure} contexts trust that
 * key (and the production issuer and audience), so a test sends
 * {@code Authorization: Bearer <token>} exactly as a client of the running shop does.
 * Each kind of token a service must refuse is here too: expired, signed by another key,
 * for another audience, from another issuer.
 */
public final class TestTokens {

	/** The issuer that services trust by default ({@code AUTH_ISSUER_URI}). */
	public static final String ISSUER = "http://localhost:9000";

	/** The audience of the shop's access tokens ({@code AUTH_AUDIENCE}). */
	public static final String AUDIENCE = "eventshop";

	/** Customer A of the authorization tests. */
	public static final String CUSTOMER_A = "customer-a";

	/** Customer B of the authorization tests. */
	public static final String CUSTOMER_B = "customer-b";

	/** The operator's subject. */
	public static final String OPERATOR = "test-operator";

	private static final KeyPair KEY = newKey();

	private static final KeyPair OTHER_KEY = newKey();

	private static volatile Path publicKeyFile;

	private TestTokens() {
	}

	/** A token of a customer with that id, named Ada Lovelace (ada@example.com). */
	public static String customer(String id) {
		return customer(id, "Ada Lovelace", "ada@example.com");
	}

	public static String customer(String id, String name, String email) {
		return sign(claims(id, name, email, "customer").build(), KEY);
	}

	public static String customerA() {
		return customer(CUSTOMER_A, "Ada Lovelace", "ada.a@example.com");
	}

	public static String customerB() {
		return customer(CUSTOMER_B, "Grace Hopper", "grace.b@example.com");
	}

	public static String operator() {
		return sign(claims(OPERATOR, "Olive Operator", "olive@example.com", "operator").build(), KEY);
	}

	/** An operator's token that expired an hour ago. */
	public static String expired() {
		Instant issued = Instant.now().minus(Duration.ofHours(2));
		return sign(claims(OPERATOR, "Olive Operator", "olive@example.com", "operator").issueTime(Date.from(issued))
			.notBeforeTime(Date.from(issued))
			.expirationTime(Date.from(issued.plus(Duration.ofHours(1))))
			.build(), KEY);
	}

	/** An operator's token, well formed but signed with a key no service trusts. */
	public static String signedByAnotherKey() {
		return sign(claims(OPERATOR, "Olive Operator", "olive@example.com", "operator").build(), OTHER_KEY);
	}

	/** An operator's token for another audience. */
	public static String wrongAudience() {
		return sign(
				claims(OPERATOR, "Olive Operator", "olive@example.com", "operator").audience("another-shop").build(),
				KEY);
	}

	/** An operator's token from another issuer. */
	public static String wrongIssuer() {
		return sign(claims(OPERATOR, "Olive Operator", "olive@example.com", "operator").issuer("http://localhost:9999")
			.build(), KEY);
	}

	/** The value of an {@code Authorization} header that carries the token. */
	public static String bearer(String token) {
		return "Bearer " + token;
	}

	/**
	 * A PEM file of the public key that signs the valid tokens, written once per JVM;
	 * test contexts trust it through {@code eventshop.security.public-key-location}.
	 */
	public static Path publicKeyFile() {
		Path file = publicKeyFile;
		if (file == null) {
			synchronized (TestTokens.class) {
				file = publicKeyFile;
				if (file == null) {
					file = writePublicKey();
					publicKeyFile = file;
				}
			}
		}
		return file;
	}

	private static JWTClaimsSet.Builder claims(String subject, String name, String email, String role) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().subject(subject)
			.issuer(ISSUER)
			.audience(AUDIENCE)
			.claim("name", name)
			.claim("email", email)
			.claim("roles", List.of(role))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(2))))
			.jwtID(UUID.randomUUID().toString());
	}

	private static String sign(JWTClaimsSet claims, KeyPair key) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(), claims);
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a test token", ex);
		}
		return jwt.serialize();
	}

	private static KeyPair newKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is required of every JVM", ex);
		}
	}

	private static Path writePublicKey() {
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(KEY.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		try {
			Path file = Files.createTempFile("eventshop-test-key", ".pem");
			file.toFile().deleteOnExit();
			Files.writeString(file, pem, StandardCharsets.US_ASCII);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
