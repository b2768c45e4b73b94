package com.eventshop.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One Kafka version everywhere: the clients the services run, the broker that tests start
 * in Docker and the brokers of the Docker demo. (The no-Docker broker of
 * {@code local-stack} takes the same {@code kafka.version} property as the clients.)
 */
class KafkaVersionTests {

	private static final Pattern KAFKA_IMAGE = Pattern.compile("image:\\s*apache/kafka:(\\S+)");

	@Test
	void testcontainersRunsTheClientsVersion() {
		assertThat(DockerInfrastructure.KAFKA_IMAGE).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
	}

	@Test
	void composeRunsTheClientsVersion() throws IOException {
		String compose = Files.readString(Path.of("..", "docker-compose.yml"));
		Matcher images = KAFKA_IMAGE.matcher(compose);
		List<String> versions = images.results().map((image) -> image.group(1)).toList();
		assertThat(versions).isNotEmpty().containsOnly(AppInfoParser.getVersion());
	}

}
