/**
 * The front door: logs browsers in against the authorization server, keeps their tokens
 * in the session (the browser holds only a cookie) and sends API calls on to the
 * services.
 */
@NullMarked
package com.eventshop.edge;

import org.jspecify.annotations.NullMarked;
