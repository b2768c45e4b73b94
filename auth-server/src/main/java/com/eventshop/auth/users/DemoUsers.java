package com.eventshop.auth.users;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.eventshop.auth.AuthSettings;
import com.eventshop.auth.AuthSettings.LoadCustomers;
import com.eventshop.auth.AuthSettings.Role;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The user store of the login form and the source of the profile claims in tokens.
 * Passwords are hashed once, here, so a clear-text password lives only in the
 * configuration it came from.
 */
@Component
public class DemoUsers implements UserDetailsService {

	private final Map<String, DemoUser> profiles;

	private final Map<String, UserDetails> accounts;

	DemoUsers(AuthSettings settings, PasswordEncoder encoder) {
		Map<String, DemoUser> profiles = new HashMap<>(settings.users());
		Map<String, UserDetails> accounts = new HashMap<>(profiles.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					(entry) -> account(entry.getKey(), entry.getValue(), encoder))));
		LoadCustomers load = settings.loadCustomers();
		if (load.count() > 0) {
			// one hash for all of them: bcrypt costs tens of milliseconds a password
			String hash = encoder.encode(load.password());
			for (String prefix : load.prefixes()) {
				for (int i = 1; i <= load.count(); i++) {
					String username = prefix + "-" + i;
					String email = load.email().isBlank() ? username + "@load.eventshop.example" : load.email();
					profiles.putIfAbsent(username,
							new DemoUser("Load Customer " + username, email, load.password(), Role.CUSTOMER));
					accounts.putIfAbsent(username,
							User.withUsername(username).password(hash).roles(Role.CUSTOMER.name()).build());
				}
			}
		}
		this.profiles = Map.copyOf(profiles);
		this.accounts = Map.copyOf(accounts);
	}

	private static UserDetails account(String username, DemoUser user, PasswordEncoder encoder) {
		Assert.hasText(user.password(), () -> "eventshop.auth.users." + username + ".password must not be empty");
		return User.withUsername(username).password(encoder.encode(user.password())).roles(user.role().name()).build();
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		UserDetails account = this.accounts.get(username);
		if (account == null) {
			throw new UsernameNotFoundException("No such user");
		}
		// a copy, because the authentication provider
		// erases the credentials of what it gets
		return User.withUserDetails(account).build();
	}

	public Optional<DemoUser> profile(String username) {
		return Optional.ofNullable(this.profiles.get(username));
	}

}
