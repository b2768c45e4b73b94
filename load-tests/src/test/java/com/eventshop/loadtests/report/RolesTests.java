package com.eventshop.loadtests.report;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RolesTests {

	@Test
	void anInstanceNumberIsNotPartOfTheRole() {
		assertThat(Roles.role("kafka-3")).isEqualTo("kafka");
		assertThat(Roles.role("order-2")).isEqualTo("order");
		assertThat(Roles.role("order")).isEqualTo("order");
		assertThat(Roles.role("auth-server")).isEqualTo("auth-server");
		assertThat(Roles.role("postgresql background")).isEqualTo("postgresql background");
	}

	@Test
	void figuresAreSummedPerRoleNamedWithTheirProcesses() {
		Map<String, Double> byRole = Roles.sum(Map.of("kafka", 1.0, "kafka-2", 0.5, "kafka-3", 0.25, "order", 2.0,
				"order-2", 3.0, "edge", 0.75, "auth-server", 0.1));
		assertThat(byRole).containsOnlyKeys("kafka (3)", "order (2)", "edge", "auth-server");
		assertThat(byRole.get("kafka (3)")).isCloseTo(1.75, within(1e-9));
		assertThat(byRole.get("order (2)")).isCloseTo(5.0, within(1e-9));
		assertThat(byRole.get("edge")).isEqualTo(0.75);
	}

	@Test
	void theBareTotalsAndCountsMatchTheSingleStacksNames() {
		Map<String, Double> byProcess = Map.of("kafka", 1.0, "kafka-2", 0.5, "order", 2.0);
		assertThat(Roles.total(byProcess)).containsExactlyInAnyOrderEntriesOf(Map.of("kafka", 1.5, "order", 2.0));
		assertThat(Roles.count(byProcess.keySet())).containsExactlyInAnyOrderEntriesOf(Map.of("kafka", 2, "order", 1));
	}

	@Test
	void aStackIsScaledWhenARoleRunsMoreThanOneProcess() {
		assertThat(Roles.anyScaled(List.of("kafka", "order", "edge", "generator"))).isFalse();
		assertThat(Roles.anyScaled(List.of("kafka", "order", "order-2"))).isTrue();
	}

}
