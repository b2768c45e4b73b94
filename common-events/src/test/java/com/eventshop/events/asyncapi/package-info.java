/**
 * The system's AsyncAPI 3.0 document, generated from the event registry, the topic names
 * and the consumer groups, and kept in {@code docs/asyncapi.yaml}.
 */
@NullMarked
package com.eventshop.events.asyncapi;

import org.jspecify.annotations.NullMarked;
