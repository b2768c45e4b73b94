/**
 * Tests of the stack supervisor on its own, with small processes of its own instead of
 * the whole stack.
 */
@NullMarked
package com.eventshop.localstack.supervisor;

import org.jspecify.annotations.NullMarked;
