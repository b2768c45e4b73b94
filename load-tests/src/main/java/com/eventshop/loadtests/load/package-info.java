/**
 * The open-model load generator: orders placed at a constant arrival rate, never waiting
 * for earlier answers.
 */
@NullMarked
package com.eventshop.loadtests.load;

import org.jspecify.annotations.NullMarked;
