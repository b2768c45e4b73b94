package com.eventshop.messaging.health;

import java.util.Map;

import com.eventshop.messaging.consumer.ListenerContainers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Up while every consumer group's listener container runs as it should. Spring Kafka
 * stops a container after an {@code Error} or a fatal consumer exception; nothing else
 * would say so, and its partitions would wait until the instance restarted.
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
			health.withDetail(entry.getKey(), running ? "running" : "stopped");
			if (!running) {
				health.down();
			}
		}
		return health.build();
	}

}
