package com.eventshop.edge.routing;

import com.eventshop.edge.ratelimit.PlacementLimit;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.RouterFunction;
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

	static final String ORDER_SERVICE = "order-service";

	@Bean
	RouterFunction<ServerResponse> orderPlacementRoute(PlacementLimit placementLimit) {
		// placement alone is limited, so it is matched before the rest of the order
		// routes
		return route("order-placement").route(method(HttpMethod.POST).and(path("/api/orders")), http())
			.filter(placementLimit)
			.filter(lb(ORDER_SERVICE))
			.filter(tokenRelay())
			.before(removeRequestHeader(HttpHeaders.COOKIE))
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

	private static RouterFunction<ServerResponse> toService(String routeId, String serviceId, String... paths) {
		return route(routeId).route(path(paths), http())
			.filter(lb(serviceId))
			.filter(tokenRelay())
			.before(removeRequestHeader(HttpHeaders.COOKIE))
			.build();
	}

}
