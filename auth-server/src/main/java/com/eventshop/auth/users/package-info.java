/**
 * The people who can sign in: the demo customers and the operator, read from
 * configuration so that their passwords can be changed without a build.
 */
@NullMarked
package com.eventshop.auth.users;

import org.jspecify.annotations.NullMarked;
