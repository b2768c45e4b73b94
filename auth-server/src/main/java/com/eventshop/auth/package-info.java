/**
 * The authorization server: signs in the demo customers and operators, issues the JWTs
 * the gateway relays and the services check, and publishes the key that verifies them.
 */
@NullMarked
package com.eventshop.auth;

import org.jspecify.annotations.NullMarked;
