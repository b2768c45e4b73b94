/**
 * Test infrastructure shared by every EventShop module: a Kafka broker and a fresh
 * PostgreSQL database per Spring test context, from Docker (Testcontainers) or from this
 * machine (an in-JVM KRaft broker and a local PostgreSQL). Annotate a test with
 * {@link com.eventshop.testsupport.WithTestInfrastructure} to get both.
 */
@NullMarked
package com.eventshop.testsupport;

import org.jspecify.annotations.NullMarked;
