package com.eventshop.analytics.rebuild;

/**
 * A rebuild was asked for while another one runs.
 */
class RebuildRunningException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long running;

	RebuildRunningException(long running) {
		super("Rebuild " + running + " is still running; see GET /api/admin/projections/rebuild");
		this.running = running;
	}

	long running() {
		return this.running;
	}

}
