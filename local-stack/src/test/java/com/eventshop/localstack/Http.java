package com.eventshop.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the running stack: GETs and JSON posts, with a bearer token,
 * HTTP Basic or nothing.
 */
final class Http {

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	private Http() {
	}

	static HttpResponse<String> get(String url) {
		return send(request(url).build());
	}

	/** A GET with an {@code Authorization} header, e.g. {@code Bearer ...}. */
	static HttpResponse<String> get(String url, String authorization) {
		return send(request(url).header("Authorization", authorization).build());
	}

	/** A JSON POST, with an {@code Authorization} header unless it is null. */
	static HttpResponse<String> post(String url, @Nullable String authorization, String json) {
		HttpRequest.Builder request = request(url).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	/** The JSON body of a GET with that {@code Authorization} that must answer 200. */
	static JsonNode json(String url, String authorization) {
		return body(url, get(url, authorization));
	}

	/** The JSON body of a GET that must answer 200. */
	static JsonNode json(String url) {
		return body(url, get(url));
	}

	static JsonNode read(String body) {
		return json.readTree(body);
	}

	private static JsonNode body(String url, HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	private static HttpRequest.Builder request(String url) {
		return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
