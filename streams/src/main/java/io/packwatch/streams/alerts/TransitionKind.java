package io.packwatch.streams.alerts;

/** The four transitions an alert can make; nothing else is ever emitted. */
public enum TransitionKind {
    OPEN,
    ESCALATE,
    DE_ESCALATE,
    RESOLVE
}
