package io.zonedeck.compute;

import io.zonedeck.compute.internal.MachineEntity;
import io.zonedeck.nodes.AgentClient;
import java.util.function.Supplier;

/** What a job's steps may do: report progress, retry transient agent failures, restart, record state. */
interface JobContext {
    /** Now at {@code step} ({@code progress} %); {@code completed} (may be null) is the step just finished. */
    void step(String step, int progress, String completed);

    <T> T retrying(Supplier<T> call);

    /** Stops and starts the machine (a hardware VM applying new resources or NICs), with the usual timeouts. */
    void restart(MachineEntity m, AgentClient agent, int progress);

    void machineState(MachineEntity m, String state);

    /** The machine's configuration changed: views refresh. */
    void changed(MachineEntity m);
}
