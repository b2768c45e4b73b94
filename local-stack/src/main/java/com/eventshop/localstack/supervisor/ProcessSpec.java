package com.eventshop.localstack.supervisor;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to start one process of the stack, and to start it again exactly so:
 * the supervisor keeps it in the stack's folder.
 *
 * @param name what the stack calls the process ({@code kafka}, {@code order}, ...)
 * @param tier the start order: a tier starts once every process of the tiers below is
 * ready, and stops after the tiers above it
 * @param command the whole command line, beginning with {@code java}
 * @param environment variables set on top of the environment the supervisor runs in
 * @param ports the ports the process binds, let go by a {@link Ports} reservation just
 * before it starts
 * @param readiness how to tell that it is ready
 * @param where what the status shows about it (its address)
 */
public record ProcessSpec(String name, int tier, List<String> command, Map<String, String> environment,
		List<Integer> ports, Readiness readiness, String where) {

	public ProcessSpec {
		command = List.copyOf(command);
		environment = Map.copyOf(environment);
		ports = List.copyOf(ports);
	}

}
