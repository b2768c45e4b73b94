package com.eventshop.loadtests.baseline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.eventshop.loadtests.measure.Latencies;
import com.eventshop.loadtests.measure.ProcessStats;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What identity costs per request, measured in the same run: checking one access token as
 * the services do it (Spring Security's {@link NimbusJwtDecoder}: signature against the
 * authorization server's published key, then the token's times), and the gateway's hop
 * (the same request sent to a service directly and through the edge, one after another,
 * and the edge's own CPU time per request).
 */
public final class IdentityCost {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * CPU microseconds of one token check on this thread, over {@code validations} checks
	 * of the same token after as many again to warm up (the key set is fetched once, as a
	 * service caches it).
	 * @param issuer the authorization server; its key set is at {@code /oauth2/jwks}
	 * @param authorization a {@code Bearer} header of a real token of that server
	 */
	public static double jwtMicros(URI issuer, String authorization, int validations) {
		JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build();
		String token = authorization.substring("Bearer ".length());
		for (int i = 0; i < validations; i++) {
			decoder.decode(token);
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long start = threads.getCurrentThreadCpuTime();
		Jwt last = null;
		for (int i = 0; i < validations; i++) {
			last = decoder.decode(token);
		}
		long cpu = threads.getCurrentThreadCpuTime() - start;
		if (last == null || last.getSubject() == null) {
			throw new IllegalStateException("the token was not decoded");
		}
		return cpu / 1000.0 / validations;
	}

	/**
	 * Sends {@code requests} {@code GET}s of {@code path} one after another to
	 * {@code base}, after a tenth as many to warm up; their latencies.
	 */
	public Latencies.Summary sequential(String base, String path, String authorization, int requests)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", authorization)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		for (int i = 0; i < Math.max(1, requests / 10); i++) {
			send(request);
		}
		Latencies latencies = new Latencies();
		for (int i = 0; i < requests; i++) {
			long start = System.nanoTime();
			send(request);
			latencies.add((System.nanoTime() - start) / 1000);
		}
		return latencies.summary();
	}

	private void send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<Void> response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
		}
	}

	/**
	 * Measures the gateway's hop: the same {@code GET} to the service and through the
	 * edge, and the edge's CPU time per request while it relayed them.
	 */
	public Result measure(URI issuer, String authorization, String serviceUrl, String edgeUrl, long edgePid,
			int requests, int validations) throws IOException, InterruptedException {
		String path = "/api/products";
		Latencies.Summary direct = sequential(serviceUrl, path, authorization, requests);
		Optional<ProcessStats.Reading> before = ProcessStats.read(edgePid);
		Latencies.Summary viaEdge = sequential(edgeUrl, path, authorization, requests);
		Optional<ProcessStats.Reading> after = ProcessStats.read(edgePid);
		double edgeCpu = (before.isPresent() && after.isPresent())
				? (double) (after.get().cpuMillis() - before.get().cpuMillis()) / (requests + requests / 10)
				: Double.NaN;
		return new Result(jwtMicros(issuer, authorization, validations), validations, path, direct, viaEdge, edgeCpu);
	}

	/**
	 * @param jwtMicros CPU microseconds to check one access token
	 * @param validations how many checks that is the average of
	 * @param path the request sent both ways
	 * @param direct its latency sent to the service
	 * @param viaEdge its latency through the edge
	 * @param edgeCpuMillis the edge's CPU milliseconds per relayed request
	 */
	public record Result(double jwtMicros, int validations, String path, Latencies.Summary direct,
			Latencies.Summary viaEdge, double edgeCpuMillis) {

		/** What the hop adds to the median request, in milliseconds. */
		public double hopMillis() {
			return this.viaEdge.p50() - this.direct.p50();
		}

	}

}
