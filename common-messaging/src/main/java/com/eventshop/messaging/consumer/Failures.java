package com.eventshop.messaging.consumer;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * Tells infrastructure failures from the others. An infrastructure failure says nothing
 * about the record: the database or the broker cannot do its part right now (down,
 * read-only, full, out of connections, a lock or statement timeout, shut down by an
 * administrator), and the same record will succeed once it can. Such a record is retried
 * without limit and never dead-lettered. Everything else (poison, a handler's bug) is
 * retried a bounded number of times, then dead-lettered.
 */
public final class Failures {

	/** SQLSTATEs (exact) that an operator or the server's state causes, not the data. */
	private static final Set<String> INFRASTRUCTURE_STATES = Set.of("25006", // read-only
																				// transaction
			"55P03", // lock not available
			"40001", // serialization failure
			"40P01", // deadlock detected
			"58030"); // I/O error

	/** SQLSTATE classes: connection (08), resources (53), operator intervention (57). */
	private static final Set<String> INFRASTRUCTURE_CLASSES = Set.of("08", "53", "57");

	private Failures() {
	}

	/**
	 * Whether this failure is the infrastructure's: anywhere in its causes a connection,
	 * resource, timeout or read-only failure of the database, or a retriable Kafka error,
	 * and no {@link PoisonEventException}.
	 */
	public static boolean isInfrastructure(@Nullable Throwable failure) {
		boolean infrastructure = false;
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof PoisonEventException) {
				return false;
			}
			infrastructure |= isInfrastructureItself(cause);
		}
		return infrastructure;
	}

	private static boolean isInfrastructureItself(Throwable cause) {
		if (cause instanceof SQLException sql && isInfrastructureState(sql.getSQLState())) {
			return true;
		}
		return cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
				|| cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
				|| cause instanceof DataAccessResourceFailureException
				|| cause instanceof CannotCreateTransactionException || cause instanceof TransactionTimedOutException
				|| cause instanceof RetriableException || cause instanceof ConnectException
				|| cause instanceof SocketTimeoutException;
	}

	static boolean isInfrastructureState(@Nullable String state) {
		return state != null && state.length() == 5
				&& (INFRASTRUCTURE_STATES.contains(state) || INFRASTRUCTURE_CLASSES.contains(state.substring(0, 2)));
	}

	private static @Nullable Throwable next(Throwable cause) {
		if (cause instanceof SQLException sql && sql.getNextException() != null && cause.getCause() == null) {
			return sql.getNextException();
		}
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

}
