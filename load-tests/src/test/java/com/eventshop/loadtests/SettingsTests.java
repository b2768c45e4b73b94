package com.eventshop.loadtests;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SettingsTests {

	@Test
	void defaultsGiveTheDocumentedRun() {
		Settings settings = Settings.parse();
		// the sustained rate is the one the probe finds, the end-to-end rate half of it
		assertThat(settings.sustainedRate()).isNaN();
		assertThat(settings.sustainedSeconds()).isEqualTo(60);
		assertThat(settings.endToEndRate()).isNaN();
		assertThat(settings.probeStartRate()).isEqualTo(20);
		assertThat(settings.drainEvents()).isEqualTo(100_000);
		assertThat(settings.intakeRates()).containsExactly(300.0, 600.0, 900.0, 1200.0, 1500.0);
	}

	@Test
	void argumentsOverrideTheDefaults() {
		Settings settings = Settings.parse("sustained-seconds=300", "intake-rates=100, 200", "label=after",
				"profile=false", "sustained-rate=150", "e2e-rate=auto");
		assertThat(settings.sustainedRate()).isEqualTo(150);
		assertThat(settings.endToEndRate()).isNaN();
		assertThat(settings.sustainedSeconds()).isEqualTo(300);
		assertThat(settings.intakeRates()).isEqualTo(List.of(100.0, 200.0));
		assertThat(settings.label()).isEqualTo("after");
		assertThat(settings.profile()).isFalse();
	}

	@Test
	void aSingleStackRunPlacesItsOrdersWithTheOrderService() {
		Settings settings = Settings.parse("order-url=http://127.0.0.1:19181", "edge-url=http://127.0.0.1:19180");
		assertThat(settings.scale()).isFalse();
		assertThat(settings.label()).isEmpty();
		assertThat(settings.ordersUrl()).isEqualTo("http://127.0.0.1:19181/api/orders");
	}

	@Test
	void aScaledRunPlacesItsOrdersThroughTheGatewayAndIsLabelledScaled() {
		Settings settings = Settings.parse("scale=true", "order-url=http://127.0.0.1:19181",
				"edge-url=http://127.0.0.1:19180", "kafka=127.0.0.1:19192,127.0.0.1:19292,127.0.0.1:19392");
		assertThat(settings.scale()).isTrue();
		assertThat(settings.label()).isEqualTo("scaled");
		assertThat(settings.ordersUrl()).isEqualTo("http://127.0.0.1:19180/api/orders");
		assertThat(settings.kafka()).isEqualTo("127.0.0.1:19192,127.0.0.1:19292,127.0.0.1:19392");
	}

	@Test
	void aScaledRunKeepsALabelItIsGiven() {
		assertThat(Settings.parse("scale=true", "label=smoke").label()).isEqualTo("smoke");
	}

	@Test
	void aMisspeltSettingIsRefusedRatherThanIgnored() {
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.parse("sustained-secs=300"))
			.withMessageContaining("sustained-secs");
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.parse("300"));
	}

}
