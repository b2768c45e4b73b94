package com.eventshop.auth.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

import com.eventshop.auth.AuthSettings;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * The key that signs every token. Taken from {@code eventshop.auth.signing-key-file} when
 * one is given, so that tokens outlive a restart and several instances can share the key;
 * otherwise generated at start, which is enough for a demo but logs everyone out (and
 * invalidates every machine token) whenever the server restarts.
 */
@Configuration(proxyBeanMethods = false)
class SigningKey {

	private static final Log log = LogFactory.getLog(SigningKey.class);

	@Bean
	JWKSource<SecurityContext> jwkSource(AuthSettings settings) {
		return new ImmutableJWKSet<>(new JWKSet(rsaKey(settings.signingKeyFile())));
	}

	static RSAKey rsaKey(@Nullable Path file) {
		try {
			RSAPrivateKey privateKey = (file != null) ? read(file) : generate();
			RSAPublicKey publicKey = publicHalf(privateKey);
			RSAKey key = new RSAKey.Builder(publicKey).privateKey(privateKey).keyUse(KeyUse.SIGNATURE).build();
			// the thumbprint names the key by its content, so a key read from a file
			// keeps its id
			RSAKey identified = new RSAKey.Builder(key).keyIDFromThumbprint().build();
			log.info((file != null) ? "Signing tokens with the key from " + file + ", key id " + identified.getKeyID()
					: "Signing tokens with a key generated at start, key id " + identified.getKeyID()
							+ "; tokens will not survive a restart");
			return identified;
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException("Cannot set up the token signing key", ex);
		}
	}

	private static RSAPrivateKey read(Path file) {
		try (InputStream pem = Files.newInputStream(file)) {
			return RsaKeyConverters.pkcs8().convert(pem);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the signing key file " + file, ex);
		}
	}

	private static RSAPrivateKey generate() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return (RSAPrivateKey) generator.generateKeyPair().getPrivate();
	}

	private static RSAPublicKey publicHalf(RSAPrivateKey privateKey) throws GeneralSecurityException {
		if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
			throw new IllegalStateException(
					"The signing key must be a full RSA private key (PKCS#8 with CRT parameters)");
		}
		return (RSAPublicKey) KeyFactory.getInstance("RSA")
			.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
	}

}
