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
 */
@ConfigurationProperties("eventshop.console")
public record ConsoleSettings(@Nullable String traceUrl, @Nullable String mailboxUrl,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("20s") Duration settleAfter,
		@DefaultValue("10m") Duration streamLimit) {

	public ConsoleSettings {
		// an empty environment variable means "none"
		traceUrl = (traceUrl == null || traceUrl.isBlank()) ? null : traceUrl;
		mailboxUrl = (mailboxUrl == null || mailboxUrl.isBlank()) ? null : mailboxUrl;
	}

}
