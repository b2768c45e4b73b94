/**
 * The email service: sends customers the e-mails that order events call for.
 */
@NullMarked
package com.eventshop.email;

import org.jspecify.annotations.NullMarked;
