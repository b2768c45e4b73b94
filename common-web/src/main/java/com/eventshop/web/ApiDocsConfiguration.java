package com.eventshop.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What every service's OpenAPI document (springdoc, {@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}) says beyond what springdoc finds in the controllers: the RFC
 * 9457 problem schema and the problem types every endpoint can answer (see
 * {@code docs/api-problems.md}), and the bearer JWT every operation expects. A controller
 * documents its own problem types with
 * {@code @ApiResponse(responseCode = "422", description =
 * "urn:eventshop:problem:unknown-sku ...")}; any response whose description names a
 * problem type gets the problem content here.
 * <p>
 * The document is made independent of where it was served from (a relative server), so
 * that the committed copies in {@code docs/api/} do not change from run to run.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

	static final String PROBLEM_JSON = "application/problem+json";

	private static final String PROBLEM_SCHEMA = "Problem";

	private static final String PROBLEM_PREFIX = "urn:eventshop:problem:";

	/** The security scheme every operation names: a JWT from the auth server. */
	static final String BEARER_JWT = "bearer-jwt";

	@Bean
	OpenApiCustomizer eventShopApiDocs(Environment environment) {
		String service = environment.getProperty("spring.application.name", "service");
		return (openApi) -> {
			openApi.setInfo(new Info().title(service)
				.version("1")
				.description("The HTTP API of EventShop's " + service + ". Errors are RFC 9457 problem details"
						+ " whose type is a urn:eventshop:problem:* URN (docs/api-problems.md)."));
			openApi.setServers(List.of(new Server().url("/").description("this service")));
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
			openApi.getComponents().addSecuritySchemes(BEARER_JWT, bearerJwt());
			openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER_JWT)));
			if (openApi.getPaths() != null) {
				Predicate<String> operatorOnly = operatorOnly(environment);
				openApi.getPaths().forEach((path, item) -> addProblems(path, item, operatorOnly));
			}
		};
	}

	private static void addProblems(String path, PathItem item, Predicate<String> operatorOnly) {
		item.readOperationsMap().forEach((method, operation) -> {
			ApiResponses responses = responses(operation);
			List<String> badRequest = new ArrayList<>(List.of("validation", "malformed-query"));
			if (operation.getRequestBody() != null) {
				badRequest.add(1, "malformed-body");
				problem(responses, "413", List.of("body-too-large"), "the body is over the size limit");
			}
			problem(responses, "400", badRequest, "the request is not valid");
			problem(responses, "401", List.of("unauthorized"), "the bearer token is missing or not valid");
			if (operatorOnly.test(method.name() + " " + path)) {
				problem(responses, "403", List.of("forbidden"), "the token lacks the operator role");
			}
			if (path.contains("{")) {
				problem(responses, "404", List.of("not-found"), "nothing has this id");
			}
			problem(responses, "500", List.of("internal"), "a bug; the cause is logged, never sent");
			responses.forEach((status, response) -> {
				if (response.getDescription() != null && response.getDescription().startsWith(PROBLEM_PREFIX)) {
					response.setContent(problemContent());
				}
			});
			operation.setResponses(sorted(responses));
		});
	}

	private static void problem(ApiResponses responses, String status, List<String> types, String when) {
		String listed = String.join(", ", types.stream().map((type) -> PROBLEM_PREFIX + type).toList());
		ApiResponse existing = responses.get(status);
		if (existing != null && existing.getDescription() != null
				&& existing.getDescription().startsWith(PROBLEM_PREFIX)) {
			existing.setDescription(existing.getDescription() + "; " + listed + " when " + when);
			return;
		}
		responses.addApiResponse(status, new ApiResponse().description(listed + " when " + when));
	}

	/**
	 * Whether {@code "METHOD /path"} needs the operator role: {@code /api/admin/**} and
	 * the service's {@code eventshop.security.operator-paths} (patterns ending in
	 * {@code /**} or exact paths, the forms they are written in).
	 */
	private static Predicate<String> operatorOnly(Environment environment) {
		List<String> paths = new ArrayList<>(List.of("/api/admin/**"));
		paths.addAll(Binder.get(environment)
			.bind("eventshop.security.operator-paths", Bindable.listOf(String.class))
			.orElse(List.of()));
		return (request) -> paths.stream().anyMatch((guarded) -> {
			String[] parts = guarded.trim().split("\\s+", 2);
			String pattern = parts[parts.length - 1];
			String[] asked = request.split(" ", 2);
			if (parts.length == 2 && !parts[0].equalsIgnoreCase(asked[0])) {
				return false;
			}
			return pattern.endsWith("/**") ? asked[1].startsWith(pattern.substring(0, pattern.length() - 2))
					|| asked[1].equals(pattern.substring(0, pattern.length() - 3)) : asked[1].equals(pattern);
		});
	}

	private static ApiResponses responses(Operation operation) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		return operation.getResponses();
	}

	private static ApiResponses sorted(ApiResponses responses) {
		Map<String, ApiResponse> byStatus = new TreeMap<>(responses);
		ApiResponses sorted = new ApiResponses();
		byStatus.forEach(sorted::addApiResponse);
		return sorted;
	}

	private static SecurityScheme bearerJwt() {
		return new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.bearerFormat("JWT")
			.description("An access token from the auth server (audience eventshop; docs/security.md). Through the"
					+ " edge, a signed-in browser's token is relayed for it; machine clients send their own.");
	}

	private static Content problemContent() {
		return new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
	}

	private static Schema<?> problemSchema() {
		ObjectSchema problem = new ObjectSchema();
		problem.addProperty("type", new StringSchema().format("uri")
			.description("urn:eventshop:problem:<name>, or about:blank for Spring's own problems"));
		problem.addProperty("title", new StringSchema().description("A short summary of the problem type"));
		problem.addProperty("status", new IntegerSchema().description("The HTTP status code"));
		problem.addProperty("detail", new StringSchema().description("What went wrong with this request"));
		problem.addProperty("instance", new StringSchema().format("uri-reference").description("The request path"));
		problem.addProperty("errors",
				new ArraySchema()
					.items(new ObjectSchema().addProperty("field", new StringSchema())
						.addProperty("message", new StringSchema()))
					.description("validation only: each invalid field and why"));
		problem.description("An RFC 9457 problem detail; some types add members of their own (docs/api-problems.md)");
		problem.setAdditionalProperties(true);
		return problem;
	}

}
