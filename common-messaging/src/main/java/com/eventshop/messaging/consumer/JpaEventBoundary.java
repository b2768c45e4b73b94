package com.eventshop.messaging.consumer;

import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * Writes out and forgets the persistence context that the batch's transaction has bound,
 * after each event: the next event reads fresh rows, and a batch costs the sum of its
 * events rather than its square. A handler never calls {@code flush()} or {@code clear()}
 * for this.
 */
final class JpaEventBoundary implements EventBoundary {

	private final ObjectProvider<EntityManagerFactory> provider;

	private volatile @Nullable List<EntityManagerFactory> factories;

	/** The factories are looked up when the first event is handled, not at start. */
	JpaEventBoundary(ObjectProvider<EntityManagerFactory> provider) {
		this.provider = provider;
	}

	@Override
	public void afterEvent() {
		List<EntityManagerFactory> known = this.factories;
		if (known == null) {
			known = this.provider.orderedStream().toList();
			this.factories = known;
		}
		for (EntityManagerFactory factory : known) {
			EntityManager bound = EntityManagerFactoryUtils.getTransactionalEntityManager(factory);
			if (bound != null) {
				bound.flush();
				bound.clear();
			}
		}
	}

}
