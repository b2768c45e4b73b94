package com.eventshop.auth.users;

import com.eventshop.auth.AuthSettings.Role;

/**
 * One person who can sign in. The password is the clear text from configuration; it is
 * hashed when the user store is built and never logged or sent anywhere.
 */
public record DemoUser(String name, String email, String password, Role role) {

	@Override
	public String toString() {
		return "DemoUser[name=" + this.name + ", email=" + this.email + ", role=" + this.role + "]";
	}

}
