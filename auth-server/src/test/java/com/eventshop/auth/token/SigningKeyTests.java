package com.eventshop.auth.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyTests {

	@Test
	void aKeyFromAFileKeepsItsPublicKeyAndIdAcrossRestarts(@TempDir Path dir) throws Exception {
		KeyPair pair = rsaKeyPair();
		Path file = dir.resolve("signing-key.pem");
		Files.writeString(file,
				"-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
						+ "\n-----END PRIVATE KEY-----\n");

		RSAKey first = SigningKey.rsaKey(file);
		RSAKey second = SigningKey.rsaKey(file);

		assertThat(first.toRSAPublicKey()).isEqualTo(pair.getPublic());
		assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
		assertThat(first.isPrivate()).isTrue();
	}

	@Test
	void withoutAFileEachStartGeneratesAnotherKey() throws Exception {
		RSAKey first = SigningKey.rsaKey(null);
		RSAKey second = SigningKey.rsaKey(null);

		assertThat(second.toRSAPublicKey()).isNotEqualTo(first.toRSAPublicKey());
		assertThat(second.getKeyID()).isNotEqualTo(first.getKeyID());
	}

	private static KeyPair rsaKeyPair() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return generator.generateKeyPair();
	}

}
