package com.eventshop.loadtests.load;

import java.util.ArrayList;
import java.util.List;

import com.eventshop.localstack.identity.AuthClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load's virtual customers, signed in as people are (authorization code with PKCE on
 * the authorization server's login form) before any measured phase: the figures then hold
 * the cost of checking a token on every request, not of signing in.
 */
public final class Customers {

	private static final Logger logger = LoggerFactory.getLogger(Customers.class);

	private Customers() {
	}

	/**
	 * Signs in {@code load-1} to {@code load-<count>} and returns their
	 * {@code Authorization} headers.
	 */
	public static List<String> signIn(AuthClient auth, int count, String password) {
		long start = System.nanoTime();
		List<String> headers = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			headers.add(auth.logIn("load-" + i, password).header());
		}
		logger.info("{} virtual customers signed in at {} in {} ms", count, auth.issuer(),
				(System.nanoTime() - start) / 1_000_000);
		return headers;
	}

}
