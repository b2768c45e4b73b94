package com.eventshop.edge.console;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The console's entry points: the root and {@code /console/} lead to the shop, and
 * {@code /console/me} tells a page who is signed in and what it may link to.
 */
@RestController
class ConsoleController {

	static final String SHOP = "/console/index.html";

	private final ConsoleSettings settings;

	ConsoleController(ConsoleSettings settings) {
		this.settings = settings;
	}

	@GetMapping({ "/", "/console", "/console/" })
	RedirectView shop() {
		RedirectView redirect = new RedirectView(SHOP, true);
		redirect.setHttp10Compatible(false);
		return redirect;
	}

	@GetMapping("/console/me")
	Map<String, Object> me(Authentication authentication) {
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("id", authentication.getName());
		me.put("name", displayName(authentication));
		me.put("operator", hasRole(authentication.getAuthorities(), "OPERATOR")
				|| claimNames(authentication).contains("OPERATOR"));
		me.put("traceUrl", this.settings.traceUrl());
		me.put("mailboxUrl", this.settings.mailboxUrl());
		return me;
	}

	private static String displayName(Authentication authentication) {
		if (authentication.getPrincipal() instanceof OAuth2User user && user.getAttribute("name") instanceof String name
				&& !name.isBlank()) {
			return name;
		}
		return authentication.getName();
	}

	private static String claimNames(Authentication authentication) {
		if (authentication.getPrincipal() instanceof OAuth2User user
				&& user.getAttribute("roles") instanceof Collection<?> roles) {
			return roles.toString().toUpperCase(java.util.Locale.ROOT);
		}
		return "";
	}

	private static boolean hasRole(Collection<? extends GrantedAuthority> authorities, String role) {
		return authorities.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch((authority) -> authority != null && authority.toUpperCase(java.util.Locale.ROOT).endsWith(role));
	}

}
