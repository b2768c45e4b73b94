package com.eventshop.messaging.topics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.eventshop.messaging.support.BackgroundWorker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every {@code NewTopic} of the context (published, retry and dead-letter
 * topics) on a thread of its own, trying again until the broker answers. Spring's
 * {@link KafkaAdmin} declares them once while the context starts: with the broker down it
 * blocks the start for its operation timeout, then gives up for good, and with topic
 * auto-creation off (as in production) the service never gets its topics. This takes that
 * job over, so a service starts while Kafka is down, reports not ready, and has its
 * topics as soon as Kafka arrives, without a restart.
 * <p>
 * With {@code spring.kafka.admin.auto-create=false} nothing is declared: the operator
 * creates topics.
 */
public final class TopicDeclaration extends BackgroundWorker {

	private static final Logger logger = LoggerFactory.getLogger(TopicDeclaration.class);

	/** Longest a declaration attempt waits for the broker. */
	private static final int OPERATION_TIMEOUT_SECONDS = 10;

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private final KafkaAdmin admin;

	private final boolean enabled;

	private final Clock clock;

	private volatile @Nullable Instant declaredAt;

	private volatile @Nullable String lastFailure;

	/**
	 * Takes topic declaration over from the admin, when it was to declare topics.
	 * @param admin the context's admin, which knows its {@code NewTopic} beans
	 * @param enabled whether topics are declared at all
	 * ({@code spring.kafka.admin.auto-create})
	 * @param clock the clock of the declaration time
	 */
	public TopicDeclaration(KafkaAdmin admin, boolean enabled, Clock clock) {
		super("topic-declaration", Duration.ofMinutes(1), Stopping.byInterrupt(Duration.ofSeconds(15)));
		this.admin = admin;
		this.enabled = enabled;
		this.clock = clock;
		// Before the admin's own start-up declaration, which runs once all singletons
		// exist: it must neither block the start nor give up.
		admin.setAutoCreate(false);
		admin.setOperationTimeout(OPERATION_TIMEOUT_SECONDS);
		// Failures are thrown to this worker, which reports and retries them, rather
		// than logged and dropped.
		admin.setFatalIfBrokerNotAvailable(true);
	}

	@Override
	public void start() {
		if (this.enabled) {
			super.start();
		}
	}

	/** Whether the topics are declared (or declaring them is off). */
	public boolean declared() {
		return !this.enabled || this.declaredAt != null;
	}

	/** Up once the topics are declared; down, with the last failure, until then. */
	public Health health() {
		Instant at = this.declaredAt;
		if (!this.enabled) {
			return Health.up().withDetail("declaration", "off (spring.kafka.admin.auto-create=false)").build();
		}
		if (at != null) {
			return Health.up().withDetail("declaredAt", at.toString()).build();
		}
		String failure = this.lastFailure;
		return Health.down()
			.withDetail("error", (failure != null) ? failure : "topics not declared yet: waiting for Kafka")
			.build();
	}

	@Override
	protected boolean runRound() {
		if (this.declaredAt != null) {
			return false;
		}
		// Throws when the broker does not answer (it is not the context's start any
		// more).
		this.admin.initialize();
		this.declaredAt = this.clock.instant();
		this.lastFailure = null;
		logger.info("Declared this service's topics");
		return false;
	}

	@Override
	protected Pause roundFailed(RuntimeException failure, int failures) {
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		this.lastFailure = failure.getMessage() + ": " + cause;
		Duration backoff = exponential(FIRST_BACKOFF, failures - 1, MAX_BACKOFF);
		if (failures == 1 || failures % 10 == 0) {
			logger.warn("Could not declare this service's topics ({}); trying again in {} ms", cause,
					backoff.toMillis());
		}
		return Pause.full(backoff);
	}

}
