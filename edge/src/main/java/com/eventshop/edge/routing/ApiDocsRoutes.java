package com.eventshop.edge.routing;

import com.eventshop.edge.EdgeSettings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.removeRequestHeader;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.setPath;
import static org.springframework.cloud.gateway.server.mvc.filter.LoadBalancerFilterFunctions.lb;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.cloud.gateway.server.mvc.predicate.GatewayRequestPredicates.method;
import static org.springframework.cloud.gateway.server.mvc.predicate.GatewayRequestPredicates.path;

/**
 * Every service's OpenAPI document through the front door: {@code /api-docs/<service>} is
 * that service's {@code /v3/api-docs}, fetched from one of its instances. The Swagger UI
 * page of the edge ({@code /swagger-ui.html}, {@code springdoc.swagger-ui.urls} in
 * {@code application.yml}) lists them all. The documents name the relative server
 * {@code /}, so "Try it out" goes back through these same routes, signed in as the
 * browser's user.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsRoutes {

	static final String PREFIX = "/api-docs/";

	@Bean
	RouterFunction<ServerResponse> serviceApiDocuments(EdgeSettings settings) {
		return settings.services()
			.keySet()
			.stream()
			.sorted()
			.map((serviceId) -> toDocument(settings, serviceId))
			.reduce(RouterFunction::and)
			.orElseThrow(() -> new IllegalStateException("eventshop.edge.services lists no service"));
	}

	private static RouterFunction<ServerResponse> toDocument(EdgeSettings settings, String serviceId) {
		return route("api-docs-" + serviceId).route(method(HttpMethod.GET).and(path(PREFIX + serviceId)), http())
			// before setPath: each attempt starts from the request as received
			.filter(ApiRoutes.failover(settings, serviceId))
			.before(setPath("/v3/api-docs"))
			.filter(lb(serviceId))
			.before(removeRequestHeader(HttpHeaders.COOKIE))
			.build();
	}

}
