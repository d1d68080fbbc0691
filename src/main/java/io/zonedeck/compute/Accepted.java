package io.zonedeck.compute;

/** A machine whose job was accepted. */
public record Accepted(MachineSummary machine, JobInfo job) {}
