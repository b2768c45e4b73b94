package com.eventshop.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A postal address carried by an event (where an order is shipped). An absent second line
 * is left out of the JSON rather than written as {@code null}.
 *
 * @param line1 street and number
 * @param line2 optional second line
 * @param city city
 * @param postalCode postal code
 * @param country ISO 3166-1 alpha-2 code
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(String line1, @Nullable String line2, String city, String postalCode, String country) {
}
