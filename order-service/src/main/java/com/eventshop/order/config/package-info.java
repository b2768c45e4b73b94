/**
 * Typed settings of the order service.
 */
@NullMarked
package com.eventshop.order.config;

import org.jspecify.annotations.NullMarked;
