package io.packwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./packwatch local}: the whole pipeline on embedded defaults. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run broker, registry, vendor simulators, the four collectors and the streams app locally.")
final class LocalCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("packwatch local: not yet available (issue 7, 'The main job in one command').");
        return 2;
    }
}
