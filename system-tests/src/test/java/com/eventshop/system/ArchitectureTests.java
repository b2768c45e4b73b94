package com.eventshop.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Module boundaries: services talk only through Kafka events, so no service's code or
 * build depends on another service; the event contracts stay free of Spring and JPA.
 */
class ArchitectureTests {

	static final List<String> SERVICES = List.of("order", "inventory", "email", "shipping", "analytics");

	static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("com.eventshop");
		assertThat(classes.stream().map((c) -> c.getPackageName())).as("every service's classes are on the classpath")
			.anyMatch((p) -> p.startsWith("com.eventshop.order"))
			.anyMatch((p) -> p.startsWith("com.eventshop.analytics"));
	}

	static List<String> services() {
		return SERVICES;
	}

	@ParameterizedTest
	@MethodSource("services")
	void serviceCodeDependsOnNoOtherService(String service) {
		String[] others = SERVICES.stream()
			.filter((s) -> !s.equals(service))
			.map((s) -> "com.eventshop." + s + "..")
			.toArray(String[]::new);
		noClasses().that()
			.resideInAPackage("com.eventshop." + service + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.check(classes);
	}

	@ParameterizedTest
	@MethodSource("services")
	void serviceBuildDependsOnNoOtherService(String service) throws IOException {
		String pom = Files.readString(Path.of("..", service + "-service", "pom.xml"));
		for (String other : SERVICES) {
			if (!other.equals(service)) {
				assertThat(pom).doesNotContain("<artifactId>" + other + "-service</artifactId>");
			}
		}
	}

	@Test
	void eventContractsUseNoFrameworks() {
		noClasses().that()
			.resideInAPackage("com.eventshop.events..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..", "tools.jackson..",
					"com.eventshop.messaging..")
			.check(classes);
	}

	@Test
	void sharedPlumbingKnowsNoService() {
		noClasses().that()
			.resideInAnyPackage("com.eventshop.messaging..", "com.eventshop.web..", "com.eventshop.events..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(SERVICES.stream().map((s) -> "com.eventshop." + s + "..").toArray(String[]::new))
			.check(classes);
	}

	@Test
	void messagingAndWebPlumbingStayApart() {
		noClasses().that()
			.resideInAPackage("com.eventshop.messaging..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.eventshop.web..", "org.springframework.security..", "jakarta.servlet..")
			.check(classes);
		noClasses().that()
			.resideInAPackage("com.eventshop.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("com.eventshop.messaging..", "org.springframework.kafka..", "org.apache.kafka..")
			.check(classes);
	}

}
