/**
 * Tests of the ways to run EventShop: the no-Docker local stack and its demo, started
 * exactly as the README says, and the Docker Compose file, checked against the services
 * it runs.
 */
@NullMarked
package com.eventshop.localstack;

import org.jspecify.annotations.NullMarked;
