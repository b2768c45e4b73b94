package com.eventshop.edge.routing;

import java.net.URI;

import com.eventshop.edge.ratelimit.PlacementLimit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.removeRequestHeader;
import static org.springframework.cloud.gateway.server.mvc.filter.LoadBalancerFilterFunctions.lb;
import static org.springframework.cloud.gateway.server.mvc.filter.TokenRelayFilterFunctions.tokenRelay;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.cloud.gateway.server.mvc.predicate.GatewayRequestPredicates.method;
import static org.springframework.cloud.gateway.server.mvc.predicate.GatewayRequestPredicates.path;

/**
 * The API's routes. Each goes to one service through the load balancer, carrying the
 * caller's access token: the signed-in user's (taken from the session, refreshed when it
 * has expired) or, for a machine client, the bearer token it sent. The browser's cookies
 * stay here: the session is the gateway's business, not the services'.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = StaticInstances.class)
class ApiRoutes {

	private static final Log log = LogFactory.getLog(ApiRoutes.class);

	static final String ORDER_SERVICE = "order-service";

	@Bean
	RouterFunction<ServerResponse> orderPlacementRoute(PlacementLimit placementLimit) {
		// placement alone is limited, so it is
		// matched before the rest of the order routes
		return route("order-placement").route(method(HttpMethod.POST).and(path("/api/orders")), http())
			.filter(placementLimit)
			.filter(lb(ORDER_SERVICE))
			.filter(tokenRelay())
			.before(removeRequestHeader(HttpHeaders.COOKIE))
			.onError(ResourceAccessException.class, ApiRoutes::unreachable)
			.build();
	}

	@Bean
	RouterFunction<ServerResponse> serviceRoutes() {
		return toService("orders", ORDER_SERVICE, "/api/orders/**", "/api/products/**")
			.and(toService("stock", "inventory-service", "/api/stock/**"))
			.and(toService("emails", "email-service", "/api/emails/**"))
			.and(toService("shipments", "shipping-service", "/api/shipments/**"))
			.and(toService("analytics", "analytics-service", "/api/analytics/**"));
	}

	/**
	 * An instance that refuses the connection or does not answer in time is the gateway's
	 * problem to report, as a 502 problem detail rather than a bare 500.
	 */
	static ServerResponse unreachable(Throwable failure, ServerRequest request) {
		log.warn("No answer from the service behind " + request.path() + ": " + failure.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"The service behind " + request.path() + " could not be reached; try again later.");
		problem.setType(URI.create("urn:eventshop:problem:bad-gateway"));
		problem.setTitle("Service unreachable");
		return ServerResponse.status(HttpStatus.BAD_GATEWAY)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static RouterFunction<ServerResponse> toService(String routeId, String serviceId, String... paths) {
		return route(routeId).route(path(paths), http())
			.filter(lb(serviceId))
			.filter(tokenRelay())
			.before(removeRequestHeader(HttpHeaders.COOKIE))
			.onError(ResourceAccessException.class, ApiRoutes::unreachable)
			.build();
	}

}
