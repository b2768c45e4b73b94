package com.eventshop.email.notification;

import java.util.UUID;

import com.eventshop.testsupport.ConsumerContractTests;

import org.springframework.context.annotation.Import;

/**
 * The email consumer against a real broker, database and SMTP server: every guarantee of
 * {@link ConsumerContractTests}, with the recorded e-mail as the effect of an order. The
 * effect leaves out status and sending time, which the dispatcher changes later.
 */
@Import(TestSmtpServer.class)
class EmailConsumerTests extends ConsumerContractTests {

	@Override
	protected String group() {
		return "email";
	}

	@Override
	protected String effect(UUID orderId) {
		return String.join(";", this.jdbc.sql("""
				select kind || ',' || recipient || ',' || subject
				from notification where order_id = ? order by kind""").param(orderId).query(String.class).list());
	}

}
