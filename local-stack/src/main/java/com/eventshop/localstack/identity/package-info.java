/**
 * Getting tokens from the stack's authorization server the way real callers do: machine
 * clients with client credentials, people by signing in on the login form (authorization
 * code with PKCE). Used by the stack's own tests, the system tests and the load
 * generator, so that there is one token client, not one per module.
 */
@NullMarked
package com.eventshop.localstack.identity;

import org.jspecify.annotations.NullMarked;
