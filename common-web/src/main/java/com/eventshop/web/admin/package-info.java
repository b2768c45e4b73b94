/**
 * Authentication of the operator endpoints (dead letters, stock corrections): HTTP Basic
 * with credentials from the environment; everything else stays open.
 */
@NullMarked
package com.eventshop.web.admin;

import org.jspecify.annotations.NullMarked;
