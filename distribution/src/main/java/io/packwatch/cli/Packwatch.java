package io.packwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./packwatch <command>}: one runnable jar, one command per role of the pipeline. */
@Command(name = "packwatch",
        mixinStandardHelpOptions = true,
        versionProvider = Packwatch.Version.class,
        description = "Watches prepaid cloud usage packages (Tencent VPC, Lighthouse, Live; Baidu EIP) and alerts "
                + "before they run out or expire unused.",
        subcommands = {LocalCommand.class, CommandLine.HelpCommand.class})
public final class Packwatch implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("local")
                && !LocalCommand.prepare(java.util.Arrays.copyOfRange(args, 1, args.length))) {
            System.exit(2);
        }
        int exit = commandLine().execute(args);
        // log4j's own shutdown hook is disabled so that the stop hooks can still log; flush it last.
        org.apache.logging.log4j.LogManager.shutdown();
        System.exit(exit);
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Packwatch());
        Subcommands.addTo(commandLine);
        return commandLine;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Packwatch.class.getPackage().getImplementationVersion();
            return new String[] {"packwatch " + (version == null ? "dev" : version)};
        }
    }
}
