package io.packwatch.cli.local;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ./packwatch local} runs against.
 *
 * @param dataDir            broker data, streams state, simulator credentials (kept between runs)
 * @param fresh              wipe dataDir first
 * @param bootstrapServers   an external broker instead of the embedded one (null: embedded)
 * @param registryUrl        an external Confluent-compatible registry instead of Apicurio (null: embedded)
 * @param collectorConfigs   collector configs for real vendor endpoints instead of the simulators (empty: simulators)
 * @param scenario           simulator scenario file (null: the bundled demo)
 * @param kafkaPort          embedded broker port (its controller uses the next one)
 * @param httpPort           streams query API port
 * @param pollSeconds        collector poll interval against the simulators
 */
public record LocalOptions(Path dataDir, boolean fresh, String bootstrapServers, String registryUrl,
                           List<Path> collectorConfigs, Path scenario, int kafkaPort, int httpPort, int pollSeconds) {

    public LocalOptions {
        collectorConfigs = List.copyOf(collectorConfigs);
    }

    boolean simulated() {
        return collectorConfigs.isEmpty();
    }
}
