/**
 * The shipping service. It boots with the shared messaging plumbing; its event handlers
 * come with the consumers milestone.
 */
@NullMarked
package com.eventshop.shipping;

import org.jspecify.annotations.NullMarked;
