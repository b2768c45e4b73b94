/**
 * The email service. It boots with the shared messaging plumbing; its event handlers come
 * with the consumers milestone.
 */
@NullMarked
package com.eventshop.email;

import org.jspecify.annotations.NullMarked;
