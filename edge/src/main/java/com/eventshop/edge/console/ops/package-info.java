/**
 * The operator half of the web console, server side: the operator desk's aggregate of
 * every service's dead letters, outbox and consumer figures (fetched with the signed-in
 * operator's token), and the break-it panel's control of a locally run stack.
 */
@NullMarked
package com.eventshop.edge.console.ops;

import org.jspecify.annotations.NullMarked;
