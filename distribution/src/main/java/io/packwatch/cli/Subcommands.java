package io.packwatch.cli;

import picocli.CommandLine;

/** The role commands each module contributes (sim, collect, streams), registered in one place. */
final class Subcommands {

    private Subcommands() {
    }

    static void addTo(CommandLine commandLine) {
        // Filled in as the modules land: simulators (sim), collectors (collect), streams (streams).
    }
}
