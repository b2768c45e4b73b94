/**
 * The web console's server side: its settings for the page, the redirect from the root,
 * and the live journey of an order as server-sent events. The pages themselves are static
 * files under {@code static/console/}.
 */
@NullMarked
package com.eventshop.edge.console;

import org.jspecify.annotations.NullMarked;
