/**
 * HTTP concerns shared by the service's controllers: problem details and request limits.
 */
@NullMarked
package com.eventshop.order.web;

import org.jspecify.annotations.NullMarked;
