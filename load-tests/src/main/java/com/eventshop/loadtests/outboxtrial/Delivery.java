package com.eventshop.loadtests.outboxtrial;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a topic holds compared with what was appended: per key, sequence numbers
 * {@code 0..n-1} were committed; the records are read back in offset order (one key lives
 * on one partition, so that is the key's order).
 *
 * @param appended events committed to the outbox
 * @param read records read back
 * @param missing committed events that never reached the topic
 * @param duplicated records whose sequence number the key had already shown
 * @param outOfOrder first arrivals of a sequence number lower than one the key had
 * already shown
 */
record Delivery(long appended, long read, long missing, long duplicated, long outOfOrder) {

	/** One record read back. */
	record Read(String key, long sequence) {
	}

	static Delivery check(Map<String, Long> appendedPerKey, List<Read> records) {
		Map<String, Set<Long>> seen = new HashMap<>();
		Map<String, Long> highest = new HashMap<>();
		long duplicated = 0;
		long outOfOrder = 0;
		for (Read record : records) {
			Set<Long> keySeen = seen.computeIfAbsent(record.key(), (key) -> new HashSet<>());
			if (!keySeen.add(record.sequence())) {
				duplicated++;
				continue;
			}
			long top = highest.getOrDefault(record.key(), -1L);
			if (record.sequence() < top) {
				outOfOrder++;
			}
			highest.put(record.key(), Math.max(top, record.sequence()));
		}
		long appended = 0;
		long missing = 0;
		for (Map.Entry<String, Long> key : appendedPerKey.entrySet()) {
			appended += key.getValue();
			Set<Long> keySeen = seen.getOrDefault(key.getKey(), Set.of());
			for (long sequence = 0; sequence < key.getValue(); sequence++) {
				if (!keySeen.contains(sequence)) {
					missing++;
				}
			}
		}
		return new Delivery(appended, records.size(), missing, duplicated, outOfOrder);
	}

}
