/**
 * Event contracts shared by every EventShop service: topic and type names, the
 * CloudEvents header names, and the registry that maps a wire type name to its Java
 * record.
 */
@NullMarked
package com.eventshop.events;

import org.jspecify.annotations.NullMarked;
