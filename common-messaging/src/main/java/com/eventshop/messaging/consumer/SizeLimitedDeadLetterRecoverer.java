package com.eventshop.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * A dead-letter recoverer that never fails for size. The dead-letter copy of a record is
 * the record plus the failure's headers (a stack trace among them), so a record that
 * itself just fitted under the broker's limit would not fit as a dead letter, the
 * recoverer would fail, and its partition would retry that record forever. When the copy
 * would exceed {@code maxBytes}, its value is cut to a preview and it says so in headers:
 * {@value #TRUNCATED_HEADER}, the original size in {@value #ORIGINAL_SIZE_HEADER} and its
 * SHA-256 in {@value #ORIGINAL_SHA256_HEADER}; the stack trace is shortened too if the
 * copy still does not fit.
 */
public final class SizeLimitedDeadLetterRecoverer extends DeadLetterPublishingRecoverer {

	/** Header on a dead letter whose value was cut: {@code true}. */
	public static final String TRUNCATED_HEADER = "eventshop_dlt_truncated";

	/**
	 * Header on a dead letter whose value was cut: the original value's size in bytes.
	 */
	public static final String ORIGINAL_SIZE_HEADER = "eventshop_dlt_original_size";

	/**
	 * Header on a dead letter whose value was cut: the original value's SHA-256 (hex).
	 */
	public static final String ORIGINAL_SHA256_HEADER = "eventshop_dlt_original_sha256";

	/** How much of a cut value the dead letter keeps, for an operator to look at. */
	static final int PREVIEW_BYTES = 16 * 1024;

	/** How much of a stack trace a dead letter that is still too large keeps. */
	private static final int STACK_TRACE_BYTES = 8 * 1024;

	/** Kafka's record and batch framing, generously. */
	private static final int RECORD_OVERHEAD = 1024;

	private static final Logger logger = LoggerFactory.getLogger(SizeLimitedDeadLetterRecoverer.class);

	private final int maxBytes;

	SizeLimitedDeadLetterRecoverer(KafkaOperations<?, ?> template,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination, int maxBytes) {
		super(template, destination);
		this.maxBytes = maxBytes;
	}

	@Override
	protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
			TopicPartition topicPartition, Headers headers, byte @Nullable [] key, byte @Nullable [] value) {
		Object outKey = (key != null) ? key : record.key();
		Object outValue = (value != null) ? value : record.value();
		if (size(outKey) + size(outValue) + size(headers) + RECORD_OVERHEAD > this.maxBytes
				&& outValue instanceof byte[] bytes) {
			outValue = Arrays.copyOf(bytes, Math.min(bytes.length, PREVIEW_BYTES));
			headers.add(TRUNCATED_HEADER, "true".getBytes(StandardCharsets.UTF_8));
			headers.add(ORIGINAL_SIZE_HEADER, Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
			headers.add(ORIGINAL_SHA256_HEADER, sha256(bytes).getBytes(StandardCharsets.UTF_8));
			logger.warn("Dead letter of {}-{}@{} cut from {} to {} bytes to fit the topic", record.topic(),
					record.partition(), record.offset(), bytes.length, PREVIEW_BYTES);
		}
		if (size(outKey) + size(outValue) + size(headers) + RECORD_OVERHEAD > this.maxBytes) {
			shortenStackTrace(headers);
		}
		Integer partition = (topicPartition.partition() < 0) ? null : topicPartition.partition();
		return new ProducerRecord<>(topicPartition.topic(), partition, null, outKey, outValue, headers);
	}

	private static void shortenStackTrace(Headers headers) {
		Header trace = headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE);
		if (trace != null && trace.value() != null && trace.value().length > STACK_TRACE_BYTES) {
			byte[] shorter = Arrays.copyOf(trace.value(), STACK_TRACE_BYTES);
			headers.remove(KafkaHeaders.DLT_EXCEPTION_STACKTRACE);
			headers.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, shorter);
		}
	}

	private static int size(@Nullable Object value) {
		return (value instanceof byte[] bytes) ? bytes.length : 0;
	}

	private static int size(Headers headers) {
		int size = 0;
		for (Header header : headers) {
			size += header.key().length() + ((header.value() != null) ? header.value().length : 0) + 8;
		}
		return size;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
