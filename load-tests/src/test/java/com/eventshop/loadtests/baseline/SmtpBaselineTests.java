package com.eventshop.loadtests.baseline;

import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpBaselineTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	@Test
	void everyEmailReachesTheServerOverTheConnectionsAsked() throws Exception {
		SmtpBaseline.Result result = new SmtpBaseline("127.0.0.1", smtp.getSmtp().getPort(), 3).run(60, 800);
		assertThat(result.sent()).isEqualTo(60);
		assertThat(result.failures()).isZero();
		assertThat(smtp.getReceivedMessages()).hasSize(60);
		assertThat(smtp.getReceivedMessages()[0].getContent().toString()).hasSizeGreaterThanOrEqualTo(800);
	}

	@Test
	void anUnreachableServerFailsTheBaselineInsteadOfReportingARate() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		assertThatThrownBy(() -> new SmtpBaseline("127.0.0.1", closed, 1).run(5, 10))
			.isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(MessagingException.class);
	}

}
