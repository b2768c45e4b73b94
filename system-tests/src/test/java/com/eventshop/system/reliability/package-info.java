/**
 * Failure injection: the whole system as separate processes under a steady load, a
 * process killed and restarted, then every accepted order accounted for in every
 * consumer's database.
 */
@NullMarked
package com.eventshop.system.reliability;

import org.jspecify.annotations.NullMarked;
