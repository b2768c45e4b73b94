package com.eventshop.messaging.consumer;

import java.util.List;

import com.eventshop.events.ShopEvent;

/**
 * What a group does first in each batch's transaction, before the inbox and any handler,
 * given every event of the batch (a redelivered one included). Its use: lock the rows the
 * handlers will update, all of them and in one fixed order, so that two batches (two
 * listener threads, two instances) that update the same rows wait for each other instead
 * of deadlocking. Waiting here is not bounded by the consumer's lock timeout: waiting for
 * a busy row is not a failure.
 */
@FunctionalInterface
public interface BatchPreparation {

	void prepare(List<ShopEvent> events);

}
