/**
 * HTTP test material shared by the services' own tests and the system tests: the corpus
 * of bad requests to the order API, each with the one answer it must get.
 */
@NullMarked
package com.eventshop.testsupport.http;

import org.jspecify.annotations.NullMarked;
