package io.packwatch.simulators.scenario;

/** A scenario that cannot be used; the message names the offending entry and value. */
public class ScenarioException extends RuntimeException {
    public ScenarioException(String message) { super(message); }

    public ScenarioException(String message, Throwable cause) { super(message, cause); }
}
