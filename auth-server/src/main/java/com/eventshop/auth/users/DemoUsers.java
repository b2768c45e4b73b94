package com.eventshop.auth.users;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.eventshop.auth.AuthSettings;

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
		this.profiles = Map.copyOf(settings.users());
		this.accounts = this.profiles.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
					(entry) -> account(entry.getKey(), entry.getValue(), encoder)));
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
