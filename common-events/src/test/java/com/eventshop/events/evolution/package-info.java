/**
 * The schema evolution gate: the JSON Schemas released to consumers are kept in
 * {@code src/test/resources/released}, and every current schema must stay backward and
 * forward compatible with its released one.
 */
@NullMarked
package com.eventshop.events.evolution;

import org.jspecify.annotations.NullMarked;
