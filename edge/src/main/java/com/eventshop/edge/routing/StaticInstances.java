package com.eventshop.edge.routing;

import java.net.URI;
import java.util.List;

import com.eventshop.edge.EdgeSettings;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The instances of one service, as configured: Spring Cloud LoadBalancer builds a child
 * context from this class for every service id a route names, and balances round robin
 * over what it supplies. No discovery server: the local stack knows its ports, and a
 * platform with its own service discovery would replace this supplier. The instances a
 * request could not connect to are left out of its next choice
 * ({@link UntriedInstances}).
 *
 * <p>
 * Deliberately not a {@code @Configuration}: component scanning must not pick it up into
 * the main context, where there is no single service id.
 */
class StaticInstances {

	@Bean
	ServiceInstanceListSupplier staticInstanceList(Environment environment, EdgeSettings settings) {
		String serviceId = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		List<URI> urls = settings.services().get(serviceId);
		if (urls == null || urls.isEmpty()) {
			throw new IllegalStateException(
					"No instance URL configured for " + serviceId + " (eventshop.edge.services." + serviceId + ")");
		}
		ServiceInstance[] instances = new ServiceInstance[urls.size()];
		for (int i = 0; i < instances.length; i++) {
			instances[i] = instance(serviceId, i, urls.get(i));
		}
		return new UntriedInstances(ServiceInstanceListSuppliers.from(serviceId, instances));
	}

	private static ServiceInstance instance(String serviceId, int index, URI url) {
		boolean secure = "https".equalsIgnoreCase(url.getScheme());
		int port = (url.getPort() != -1) ? url.getPort() : (secure ? 443 : 80);
		return new DefaultServiceInstance(serviceId + "-" + index, serviceId, url.getHost(), port, secure);
	}

}
