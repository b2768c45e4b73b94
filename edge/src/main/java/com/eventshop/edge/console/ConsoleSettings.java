package com.eventshop.edge.console;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the console's pages link to and how its live journey behaves.
 *
 * @param traceUrl a trace UI's page of one trace, with {@code {traceId}} in it (e.g.
 * {@code http://localhost:9411/zipkin/traces/{traceId}}); none: the journey shows no
 * trace link
 * @param mailboxUrl where a recipient's mail can be read, with {@code {recipient}} in it
 * (e.g. GreenMail's {@code http://localhost:8025/api/user/{recipient}/messages/INBOX});
 * none: the journey shows no mail link
 * @param pollInterval how often an open journey stream asks the services for news
 * @param settleAfter how long a journey in a final state must stay unchanged before its
 * stream ends (the last e-mails follow the last status)
 * @param streamLimit the longest one stream stays open (the browser reconnects)
 * @param streams how many live streams may be open, and how often the operator pages'
 * streams look
 */
@ConfigurationProperties("eventshop.console")
public record ConsoleSettings(@Nullable String traceUrl, @Nullable String mailboxUrl,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("20s") Duration settleAfter,
		@DefaultValue("10m") Duration streamLimit, @DefaultValue Streams streams) {

	public ConsoleSettings {
		// an empty environment variable means "none"
		traceUrl = (traceUrl == null || traceUrl.isBlank()) ? null : traceUrl;
		mailboxUrl = (mailboxUrl == null || mailboxUrl.isBlank()) ? null : mailboxUrl;
	}

	/**
	 * The live streams' bounds and the operator pages' pace.
	 *
	 * @param perUser streams one user may have open at once (a browser opens at most six
	 * connections to one host anyway)
	 * @param overall streams open at once in all
	 * @param deskInterval how often an open operator desk asks the services
	 * @param breakItInterval how often an open break-it panel asks the stack
	 */
	public record Streams(@DefaultValue("6") int perUser, @DefaultValue("200") int overall,
			@DefaultValue("3s") Duration deskInterval, @DefaultValue("2s") Duration breakItInterval) {

	}

}
