/**
 * The order id of a request in its logging context, beside the trace and span ids.
 */
@NullMarked
package com.eventshop.web.observability;

import org.jspecify.annotations.NullMarked;
