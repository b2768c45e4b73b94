package com.eventshop.web.admin;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operator credentials and the paths they guard, under {@code eventshop.admin}.
 *
 * @param user operator login ({@code EVENTSHOP_ADMIN_USER})
 * @param password operator password ({@code EVENTSHOP_ADMIN_PASSWORD}); when empty a
 * random one is generated and logged at start, so no service ever runs with a known
 * default
 * @param protectedPaths extra guarded requests besides {@code /api/admin/**}, each
 * {@code "METHOD /path/pattern"}, e.g. {@code "PUT /api/stock/**"}
 */
@ConfigurationProperties("eventshop.admin")
public record AdminProperties(@DefaultValue("admin") String user, @DefaultValue("") String password,
		@DefaultValue List<String> protectedPaths) {
}
