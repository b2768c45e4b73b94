package com.eventshop.edge.routing;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.List;

import com.eventshop.edge.EdgeSettings;
import com.eventshop.edge.ratelimit.PlacementLimit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
 * stay here: the session is the gateway's business, not the services'. An instance that
 * takes no connection is passed over for another of the same service.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = StaticInstances.class)
class ApiRoutes {

	private static final Log log = LogFactory.getLog(ApiRoutes.class);

	static final String ORDER_SERVICE = "order-service";

	private final EdgeSettings settings;

	ApiRoutes(EdgeSettings settings) {
		this.settings = settings;
	}

	/**
	 * The bound on API requests in the gateway at once ({@code EDGE_MAX_IN_FLIGHT}),
	 * ahead of security and routing.
	 */
	@Bean
	FilterRegistrationBean<InFlightLimit> inFlightLimit(JsonMapper json) {
		var registration = new FilterRegistrationBean<>(new InFlightLimit(this.settings.maxInFlight(), json));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	RouterFunction<ServerResponse> orderPlacementRoute(PlacementLimit placementLimit) {
		// placement alone is limited, so it is
		// matched before the rest of the order routes
		return route("order-placement").route(method(HttpMethod.POST).and(path("/api/orders")), http())
			.filter(placementLimit)
			.filter(failover(this.settings, ORDER_SERVICE))
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
			.and(toService("analytics", "analytics-service", "/api/analytics/**"))
			.and(analyticsRebuild());
	}

	/**
	 * The one operator endpoint routed to a browser: the analytics dashboard starts and
	 * follows a rebuild of its read model. The rest of {@code /api/admin/**} is reached
	 * only through the console's own endpoints. Operators only, at the door as well
	 * ({@code SecurityConfiguration}).
	 */
	private RouterFunction<ServerResponse> analyticsRebuild() {
		return route("analytics-rebuild")
			.route(method(HttpMethod.GET, HttpMethod.POST).and(path("/api/admin/projections/rebuild")), http())
			.filter(failover(this.settings, "analytics-service"))
			.filter(lb("analytics-service"))
			.filter(tokenRelay())
			.before(removeRequestHeader(HttpHeaders.COOKIE))
			.build();
	}

	/**
	 * A service the gateway cannot get an answer from is the gateway's problem to report,
	 * as a problem detail rather than a bare 500: {@code 503} when no connection could be
	 * made (the instance is down, or the connect timeout passed), {@code 504} when it
	 * took the request but did not answer within the read timeout, {@code 502} for
	 * anything else that broke the exchange. The timeouts are
	 * {@code spring.http.clients.*} ({@code EDGE_CONNECT_TIMEOUT},
	 * {@code EDGE_READ_TIMEOUT}).
	 */
	static ServerResponse unreachable(Throwable failure, ServerRequest request) {
		log.warn("No answer from the service behind " + request.path() + ": " + failure.getMessage());
		Outcome outcome = Outcome.of(failure);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(outcome.status, outcome.detail(request.path()));
		problem.setType(URI.create("urn:eventshop:problem:" + outcome.type));
		problem.setTitle(outcome.title);
		ServerResponse.BodyBuilder response = ServerResponse.status(outcome.status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (outcome.status == HttpStatus.SERVICE_UNAVAILABLE) {
			response.header(HttpHeaders.RETRY_AFTER, "5");
		}
		return response.body(problem);
	}

	private enum Outcome {

		UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
				"could not be reached"),

		TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "Service too slow", "did not answer in time"),

		BROKEN(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad answer from the service", "failed to answer");

		private final HttpStatus status;

		private final String type;

		private final String title;

		private final String what;

		Outcome(HttpStatus status, String type, String title, String what) {
			this.status = status;
			this.type = type;
			this.title = title;
			this.what = what;
		}

		String detail(String path) {
			return "The service behind " + path + " " + this.what + "; try again later.";
		}

		static Outcome of(Throwable failure) {
			// a connect timeout is a timeout too, but nothing was sent: unavailable
			if (ConnectFailover.neverSent(failure)) {
				return UNAVAILABLE;
			}
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
					return TIMEOUT;
				}
			}
			return BROKEN;
		}

	}

	/**
	 * Every route tries the other instances of its service when the chosen one takes no
	 * connection ({@link ConnectFailover}), and answers what none of them took, or what
	 * broke once taken, as {@link #unreachable}.
	 */
	static ConnectFailover failover(EdgeSettings settings, String serviceId) {
		return ConnectFailover.across(serviceId, settings.services().getOrDefault(serviceId, List.of()).size(),
				ApiRoutes::unreachable);
	}

	private RouterFunction<ServerResponse> toService(String routeId, String serviceId, String... paths) {
		return route(routeId).route(path(paths), http())
			.filter(failover(this.settings, serviceId))
			.filter(lb(serviceId))
			.filter(tokenRelay())
			.before(removeRequestHeader(HttpHeaders.COOKIE))
			.build();
	}

}
