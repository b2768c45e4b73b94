package com.eventshop.loadtests.baseline;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcBaselineTests {

	@Test
	void runsTheOrderServicesOwnMigrationsInVersionOrder() throws Exception {
		Path migrations = Path.of("../order-service/src/main/resources/db/migration/order");
		assertThat(JdbcBaseline.scripts(migrations)).extracting((p) -> p.getFileName().toString())
			.containsExactly("V1__catalog.sql", "V2__orders.sql", "V3__order_saga.sql",
					"V4__idempotency_key_per_customer.sql");
	}

	@Test
	void versionsSortAsNumbersAndOtherFilesAreLeftOut(@TempDir Path folder) throws Exception {
		for (String name : new String[] { "V10__later.sql", "V2__second.sql", "V1__first.sql", "README.md",
				"R__repeatable.sql" }) {
			Files.writeString(folder.resolve(name), "select 1;");
		}
		assertThat(JdbcBaseline.scripts(folder)).extracting((p) -> p.getFileName().toString())
			.containsExactly("V1__first.sql", "V2__second.sql", "V10__later.sql");
	}

}
