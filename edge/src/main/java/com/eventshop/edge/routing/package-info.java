/**
 * Which paths go to which service, and how the instances of one service share the load.
 */
@NullMarked
package com.eventshop.edge.routing;

import org.jspecify.annotations.NullMarked;
