/**
 * Messaging plumbing shared by every EventShop service, delivered as Spring Boot
 * auto-configuration: a service gets it by depending on this module.
 */
@NullMarked
package com.eventshop.messaging;

import org.jspecify.annotations.NullMarked;
