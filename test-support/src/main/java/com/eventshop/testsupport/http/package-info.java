/**
 * HTTP test material shared by the services' own tests and the system tests: the corpus
 * of bad requests to the order API, each with the one answer it must get, and the
 * {@code RestTestClient}-based client the services' tests call their own API with.
 */
@NullMarked
package com.eventshop.testsupport.http;

import org.jspecify.annotations.NullMarked;
