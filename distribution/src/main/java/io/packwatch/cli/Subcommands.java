package io.packwatch.cli;

import io.packwatch.collectors.CollectCommand;
import io.packwatch.notifier.app.NotifyCommand;
import io.packwatch.notifier.chat.ChatBridgeCommand;
import io.packwatch.lake.LakeCommand;
import io.packwatch.simulators.SimulatorCommand;

import io.packwatch.streams.app.StreamsCommand;
import picocli.CommandLine;

/** The role commands each module contributes, registered in one place. */
final class Subcommands {

    private Subcommands() {
    }

    static void addTo(CommandLine commandLine) {
        commandLine.addSubcommand("sim", new SimulatorCommand());
        commandLine.addSubcommand("collect", new CollectCommand());
        commandLine.addSubcommand("streams", new StreamsCommand());
        commandLine.addSubcommand("notify", new NotifyCommand());
        commandLine.addSubcommand("chat-bridge", new ChatBridgeCommand());
        commandLine.addSubcommand("lake", new LakeCommand());
    }
}
