package com.eventshop.edge.routing;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Sends a request to another instance of the service when no connection could be made to
 * the one the balancer chose, and only then: each instance is tried at most once. A
 * failure after the connection was made (a read timeout, an exchange broken halfway) is
 * never retried, since the service may have acted on the request: an order must not be
 * placed twice by the gateway. What no instance answered is told to the caller as the
 * route says ({@link ApiRoutes#unreachable}).
 *
 * <p>
 * Not the gateway's {@code retry} filter, because that one cannot draw this line: it
 * matches the exception's own class only, and the HTTP client's failures all arrive as a
 * {@code ResourceAccessException}, whether the connection was refused or the service
 * stopped answering halfway. Nor would its next attempt avoid the instance that just
 * refused: the round robin is shared by all requests. Here the instances already tried
 * are kept in a request attribute, which {@link UntriedInstances} leaves out of the
 * balancer's choice. The body is read once and replayed to every attempt
 * ({@link ReplayableBody}); a body over its limit is not held, so such a request gets one
 * attempt only.
 *
 * <p>
 * The failure is answered here rather than by the route's {@code onError(...)}: the
 * builder puts error handlers innermost, where they would turn a refused connection into
 * a response before this filter could try another instance. Each attempt starts from the
 * request as the servlet container received it, so this filter comes before any filter
 * that changes the request (its path, its headers), and before {@code lb(...)}.
 */
final class ConnectFailover implements HandlerFilterFunction<ServerResponse, ServerResponse> {

	/** The request attribute with the {@code host:port} of each instance tried. */
	static final String TRIED_ATTRIBUTE = ConnectFailover.class.getName() + ".tried";

	private static final Log log = LogFactory.getLog(ConnectFailover.class);

	private final String serviceId;

	private final int instances;

	private final BiFunction<Throwable, ServerRequest, ServerResponse> unreachable;

	private ConnectFailover(String serviceId, int instances,
			BiFunction<Throwable, ServerRequest, ServerResponse> unreachable) {
		this.serviceId = serviceId;
		this.instances = instances;
		this.unreachable = unreachable;
	}

	/**
	 * A failover over the instances of one service.
	 * @param serviceId the service the route balances over
	 * @param instances how many instances it has
	 * @param unreachable the answer when no instance gave one
	 * @return the filter
	 */
	static ConnectFailover across(String serviceId, int instances,
			BiFunction<Throwable, ServerRequest, ServerResponse> unreachable) {
		return new ConnectFailover(serviceId, instances, unreachable);
	}

	@Override
	public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		@Nullable ReplayableBody body = (this.instances > 1) ? ReplayableBody.of(request.servletRequest()) : null;
		Set<String> tried = new HashSet<>();
		while (true) {
			ServerRequest attempt = (body != null) ? ServerRequest.create(body.replay(), request.messageConverters())
					: request;
			attempt.attributes().put(TRIED_ATTRIBUTE, Set.copyOf(tried));
			try {
				return next.handle(attempt);
			}
			catch (ResourceAccessException ex) {
				String instance = chosenInstance(attempt);
				if (!neverSent(ex) || instance == null || !tried.add(instance) || tried.size() >= this.instances) {
					return this.unreachable.apply(ex, request);
				}
				if (body == null || !body.replayable()) {
					log.warn("No connection to " + this.serviceId + " at " + instance + " for " + request.method() + " "
							+ request.path() + "; its body is over " + ReplayableBody.LIMIT
							+ " bytes, kept for one attempt only: " + ex.getMessage());
					return this.unreachable.apply(ex, request);
				}
				log.warn("No connection to " + this.serviceId + " at " + instance + " for " + request.method() + " "
						+ request.path() + ", trying another instance: " + ex.getMessage());
			}
		}
	}

	private static @Nullable String chosenInstance(ServerRequest attempt) {
		URI url = MvcUtils.getAttribute(attempt, MvcUtils.GATEWAY_REQUEST_URL_ATTR);
		return (url != null) ? key(url.getHost(), url.getPort()) : null;
	}

	static String key(String host, int port) {
		return host + ":" + port;
	}

	/**
	 * Whether a failure happened before anything was sent: no connection could be made
	 * (refused, the connect timeout passed, no route, an unknown host).
	 * @param failure what the HTTP client threw
	 * @return {@code true} if the request certainly did not reach the service
	 */
	static boolean neverSent(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof NoRouteToHostException || cause instanceof UnknownHostException) {
				return true;
			}
		}
		return false;
	}

}
