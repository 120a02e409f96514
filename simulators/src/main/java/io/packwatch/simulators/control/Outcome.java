package io.packwatch.simulators.control;

/** How the simulator answered a request, as counted by {@link SimStats}. */
public enum Outcome { OK, THROTTLED, AUTH_FAILED, BAD_REQUEST, FAULT }
