package com.eventshop.messaging.health;

import java.util.Map;
import java.util.Optional;

import com.eventshop.messaging.consumer.ListenerContainers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Up while every consumer group's listener container runs as it should. Spring Kafka
 * stops a container after an {@code Error} or a fatal consumer exception; nothing else
 * would say so, and its partitions would wait until the instance restarted. Down, too,
 * while a group is stuck on an infrastructure failure (its database or the broker down,
 * read-only or full): it retries without limit and handles nothing meanwhile.
 */
final class ListenerHealth implements HealthIndicator {

	private final ListenerContainers consumers;

	ListenerHealth(ListenerContainers consumers) {
		this.consumers = consumers;
	}

	@Override
	public Health health() {
		if (!this.consumers.isRunning()) {
			return Health.down().withDetail("error", "listeners not started").build();
		}
		Health.Builder health = Health.up();
		for (Map.Entry<String, ConcurrentMessageListenerContainer<byte[], byte[]>> entry : this.consumers.containers()
			.entrySet()) {
			ConcurrentMessageListenerContainer<byte[], byte[]> container = entry.getValue();
			boolean running = container.isRunning() && container.isInExpectedState();
			Optional<String> stuck = this.consumers.stuckOnInfrastructure(entry.getKey());
			health.withDetail(entry.getKey(), running ? stuck.orElse("running") : "stopped");
			if (!running || stuck.isPresent()) {
				health.down();
			}
		}
		return health.build();
	}

}
