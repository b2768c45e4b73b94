/**
 * What goes into a token and what signs it: the claims the services authorize by, and the
 * RSA key whose public half the JWKS endpoint publishes.
 */
@NullMarked
package com.eventshop.auth.token;

import org.jspecify.annotations.NullMarked;
