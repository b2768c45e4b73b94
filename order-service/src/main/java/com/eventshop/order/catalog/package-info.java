/**
 * The product catalog: the only source of prices.
 */
@NullMarked
package com.eventshop.order.catalog;

import org.jspecify.annotations.NullMarked;
