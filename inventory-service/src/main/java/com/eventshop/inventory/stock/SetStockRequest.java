package com.eventshop.inventory.stock;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * An operator's correction of a SKU's free stock, e.g. after a delivery or a count.
 *
 * @param available units free to reserve from now on
 */
record SetStockRequest(@NotNull @Min(0) @Max(1_000_000) @Nullable Integer available) {
}
