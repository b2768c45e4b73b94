package com.eventshop.edge.console.ops;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTests {

	@Test
	void readsNamesLabelsAndValuesAndSkipsComments() {
		List<PrometheusText.Sample> samples = PrometheusText.parse("""
				# HELP eventshop_consumer_handled_seconds_count Events handled
				# TYPE eventshop_consumer_handled_seconds_count counter
				eventshop_consumer_handled_seconds_count{group="inventory",type="shop.order.placed.v1"} 12.0
				eventshop_outbox_backlog 3.0
				eventshop_outbox_oldest_age NaN
				weird_label{note="a \\"quoted\\", comma",x="y"} 1.0
				""");

		assertThat(samples).hasSize(4);
		assertThat(samples.get(0).name()).isEqualTo("eventshop_consumer_handled_seconds_count");
		assertThat(samples.get(0).labels()).isEqualTo(Map.of("group", "inventory", "type", "shop.order.placed.v1"));
		assertThat(samples.get(0).value()).isEqualTo(12.0);
		assertThat(samples.get(1).labels()).isEmpty();
		assertThat(samples.get(2).value()).isNaN();
		assertThat(samples.get(3).labels()).containsEntry("note", "a \"quoted\", comma").containsEntry("x", "y");
	}

}
