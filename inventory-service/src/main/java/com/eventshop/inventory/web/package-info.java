/**
 * HTTP concerns shared by the service's controllers: every error as a problem detail.
 */
@NullMarked
package com.eventshop.inventory.web;

import org.jspecify.annotations.NullMarked;
