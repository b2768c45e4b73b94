package com.eventshop.order.ordering;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface OrderRepository extends JpaRepository<Order, UUID> {

	Page<Order> findByCustomerIdOrderByPlacedAtDescIdAsc(String customerId, Pageable pageable);

	/**
	 * Reads an order and locks its row until the transaction ends ({@code for update}),
	 * so that a cancellation and a saga event of the same order take turns: the second
	 * sees what the first did.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select o from Order o where o.id = :id")
	Optional<Order> findAndLock(UUID id);

}
