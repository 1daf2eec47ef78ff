package dev.proxima.cli;

import com.typesafe.config.ConfigException;
import dev.proxima.config.ConfigProblem;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code proxima} command line. Errors are one line on stderr, never a stack trace. */
@Command(name = "proxima", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Economical neural-architecture search on the JVM.",
        subcommands = {SearchCommand.class, ReplayCommand.class, RankCommand.class, DpsCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // DJL must never contact the network at engine start (see STACK.md); set before anything loads it.
        System.setProperty("ai.djl.offline", "true");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof IllegalArgumentException || e instanceof ConfigException || e instanceof UncheckedIOException) {
                err.println("proxima: error: " + e.getMessage());
            } else {
                err.println("proxima: internal error: " + e + " (set PROXIMA_LOG_LEVEL=DEBUG for details)");
                if (System.getenv("PROXIMA_LOG_LEVEL") != null) {
                    e.printStackTrace(err);
                }
            }
            err.flush();
            return e instanceof ConfigProblem || e instanceof ConfigException ? 2 : 1;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("proxima: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            err.flush();
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar's manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"proxima " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
        }
    }
}
