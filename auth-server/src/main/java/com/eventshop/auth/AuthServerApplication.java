package com.eventshop.auth;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthServerApplication {

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * The application with its settings read from {@code auth-server.yml} rather than
	 * {@code application.yml}, so that it can share a class path with another Spring Boot
	 * application (the gateway's tests run both in one JVM) without either reading the
	 * other's settings.
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(AuthServerApplication.class).properties("spring.config.name=auth-server");
	}

}
