/**
 * HTTP plumbing every service shares: RFC 9457 problem details for every error, and a
 * limit on request body size.
 */
@NullMarked
package com.eventshop.web;

import org.jspecify.annotations.NullMarked;
