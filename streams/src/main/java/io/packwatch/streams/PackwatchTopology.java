package io.packwatch.streams;

import io.packwatch.streams.pools.PoolSettings;
import io.packwatch.streams.pools.PoolTopology;
import io.packwatch.streams.state.StateAndAlertsTopology;
import org.apache.kafka.streams.Topology;

/**
 * The one factory of the Packwatch topology, shared by {@code main} and every test (the apache/kafka
 * streams/examples style): part 1 normalizes, statelessly; part 2 derives per-package state and alerts; part 3 keeps the
 * pools (the packages that cover the same usage), their overage projection and pool alerts.
 * Built with the Processor API so that each node forwards straight to the node named for what it forwards.
 */
public final class PackwatchTopology {
    private PackwatchTopology() {
    }

    public static Topology build(StreamsSettings settings) {
        Topology topology = new Topology();
        NormalizeTopology.addTo(topology, settings, StateAndAlertsTopology.PROCESSOR, StateAndAlertsTopology.POLL_SUMMARIES);
        StateAndAlertsTopology.addTo(topology, NormalizeTopology.NORMALIZE, settings);
        if (PoolSettings.from(settings.raw()).enabled()) {
            PoolTopology.addTo(topology, settings);
        }
        return topology;
    }
}
