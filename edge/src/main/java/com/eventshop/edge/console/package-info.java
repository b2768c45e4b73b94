/**
 * The web console's server side: its settings for the page, the redirect from the root,
 * the live journey of an order as server-sent events, and the loop that runs every live
 * page's stream (bounded per user and in all). The pages themselves are static files
 * under {@code static/console/}.
 */
@NullMarked
package com.eventshop.edge.console;

import org.jspecify.annotations.NullMarked;
