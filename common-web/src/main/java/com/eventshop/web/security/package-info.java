/**
 * Every service as an OAuth2 resource server: JWT bearer tokens from the shop's
 * authorization server, the caller ({@link com.eventshop.web.security.Caller}) they name,
 * and which requests need which role.
 */
@NullMarked
package com.eventshop.web.security;

import org.jspecify.annotations.NullMarked;
