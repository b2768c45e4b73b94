/**
 * Typed settings of the order service, and how it reads JSON.
 */
@NullMarked
package com.eventshop.order.config;

import org.jspecify.annotations.NullMarked;
