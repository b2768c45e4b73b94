package com.eventshop.edge.routing;

import java.util.List;
import java.util.Set;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The instances of a service without those a request has already failed to connect to
 * ({@link ConnectFailover}), so that the balancer chooses among the others. Spring Cloud
 * LoadBalancer's own {@code RetryAwareServiceInstanceListSupplier} does this for its
 * blocking retry, which the gateway's {@code lb(...)} filter does not use: that filter
 * passes the request's attributes instead, and this reads them.
 */
final class UntriedInstances extends DelegatingServiceInstanceListSupplier {

	UntriedInstances(ServiceInstanceListSupplier delegate) {
		super(delegate);
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.delegate.get();
	}

	@Override
	@SuppressWarnings("rawtypes") // as the interface declares it
	public Flux<List<ServiceInstance>> get(Request request) {
		Set<?> tried = tried(request);
		if (tried.isEmpty()) {
			return this.delegate.get(request);
		}
		return this.delegate.get(request)
			.map((instances) -> instances.stream()
				.filter((instance) -> !tried.contains(ConnectFailover.key(instance.getHost(), instance.getPort())))
				.toList());
	}

	private static Set<?> tried(Request<?> request) {
		if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null
				&& context.getClientRequest().getAttributes() != null
				&& context.getClientRequest()
					.getAttributes()
					.get(ConnectFailover.TRIED_ATTRIBUTE) instanceof Set<?> set) {
			return set;
		}
		return Set.of();
	}

}
