/**
 * Housekeeping: one background worker deletes the rows of tables that only need to be
 * kept for a while (the inbox, the outbox's published rows, a service's own tables such
 * as idempotency keys), each after its own retention, in batches, one instance at a time.
 */
@NullMarked
package com.eventshop.messaging.housekeeping;

import org.jspecify.annotations.NullMarked;
