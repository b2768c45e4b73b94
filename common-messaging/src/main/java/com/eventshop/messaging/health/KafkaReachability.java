package com.eventshop.messaging.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.eventshop.messaging.support.BackgroundWorker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;

/**
 * Asks the Kafka cluster to describe itself every interval, on a thread of its own, and
 * keeps the answer. A health probe reads that answer and never waits for the broker, so
 * probes stay fast while Kafka hangs, and a reading older than three intervals counts as
 * unreachable (the checking thread itself may be stuck).
 */
final class KafkaReachability extends BackgroundWorker {

	private final Map<String, Object> adminConfig;

	private final Duration interval;

	private final Clock clock;

	private @Nullable Admin admin;

	private volatile @Nullable Check last;

	KafkaReachability(Map<String, Object> adminConfig, Duration interval, Clock clock) {
		super("kafka-reachability", interval, Stopping.byInterrupt(Duration.ofSeconds(5)));
		this.adminConfig = adminConfig;
		this.interval = interval;
		this.clock = clock;
	}

	Health health() {
		Check check = this.last;
		if (check == null) {
			return Health.down().withDetail("error", "not checked yet").build();
		}
		Duration age = Duration.between(check.at(), this.clock.instant());
		Health.Builder health = check.reachable() ? Health.up() : Health.down();
		if (age.compareTo(this.interval.multipliedBy(3)) > 0) {
			health = Health.down().withDetail("error", "no answer to the last checks");
		}
		return health.withDetail("checkedAt", check.at().toString()).withDetail("detail", check.detail()).build();
	}

	@Override
	protected boolean runRound() {
		Admin current = this.admin;
		if (current == null) {
			current = Admin.create(this.adminConfig);
			this.admin = current;
		}
		int timeout = (int) Math.max(1000, this.interval.toMillis());
		DescribeClusterResult cluster = current.describeCluster(new DescribeClusterOptions().timeoutMs(timeout));
		try {
			int brokers = cluster.nodes().get(timeout + 1000L, TimeUnit.MILLISECONDS).size();
			String id = cluster.clusterId().get(timeout + 1000L, TimeUnit.MILLISECONDS);
			this.last = new Check(brokers > 0, "cluster " + id + ", " + brokers + " broker(s)", this.clock.instant());
		}
		catch (ExecutionException | TimeoutException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			this.last = new Check(false, cause.toString(), this.clock.instant());
			// A client that never reached a broker may keep waiting on stale metadata;
			// the next check starts from the bootstrap servers again.
			closeAdmin();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return false;
	}

	@Override
	protected Pause roundFailed(RuntimeException failure, int failures) {
		this.last = new Check(false, failure.toString(), this.clock.instant());
		closeAdmin();
		return Pause.full(this.interval);
	}

	@Override
	protected void afterLastRound() {
		closeAdmin();
	}

	private void closeAdmin() {
		Admin current = this.admin;
		if (current != null) {
			current.close(Duration.ofSeconds(2));
			this.admin = null;
		}
	}

	private record Check(boolean reachable, String detail, Instant at) {
	}

}
