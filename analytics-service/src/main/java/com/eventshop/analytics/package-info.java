/**
 * The analytics service. It boots with the shared messaging plumbing; its event handlers
 * come with the consumers milestone.
 */
@NullMarked
package com.eventshop.analytics;

import org.jspecify.annotations.NullMarked;
