/**
 * The stack supervisor: starts the broker, the mail server and the services as processes
 * it records in the stack's folder, waits until each is ready, and stops, kills or
 * restarts them by the recorded PID only while that PID still carries the stack's marker.
 */
@NullMarked
package com.eventshop.localstack.supervisor;

import org.jspecify.annotations.NullMarked;
