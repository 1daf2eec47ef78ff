package dev.proxima.cli;

import com.typesafe.config.ConfigException;
import dev.proxima.config.ConfigText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code proxima} command line. Errors are one line on stderr, never a stack trace. */
@Command(name = "proxima", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Economical neural-architecture search on the JVM.",
        subcommands = {SearchCommand.class, StatusCommand.class, ExportCommand.class, ReplayCommand.class, RankCommand.class, DpsCommand.class, BpeCommand.class, SupervisorCommand.class, WorkerCommand.class, ServeCommand.class, SubmitCommand.class, ListCommand.class, CancelCommand.class, CertsCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // DJL must never contact the network at engine start (it probes a cloud metadata address); set before anything loads it.
        System.setProperty("ai.djl.offline", "true");
        System.exit(commandLine().execute(args));
    }

    /** Exit code of bad arguments, configuration or input files: nothing was started. */
    public static final int BAD_INPUT = 2;
    /** Exit code of a failure while working. */
    public static final int RUNTIME_FAILURE = 1;

    /** The configured command line, also used by tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            boolean input = e instanceof IllegalArgumentException || e instanceof ConfigException;
            if (input || e instanceof UncheckedIOException) {
                err.println("proxima: error: " + ConfigText.printable(String.valueOf(e.getMessage())));
            } else {
                err.println("proxima: internal error: " + ConfigText.printable(e.toString())
                        + " (set PROXIMA_LOG_LEVEL=DEBUG for details)");
                if (System.getenv("PROXIMA_LOG_LEVEL") != null) {
                    e.printStackTrace(err);
                }
            }
            err.flush();
            return input ? BAD_INPUT : RUNTIME_FAILURE;
        });
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("proxima: " + ConfigText.printable(e.getMessage()) + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return BAD_INPUT;
        });
        giveVersion(cli);
        return cli;
    }

    /** Every subcommand answers {@code --version} as the top command does. */
    private static void giveVersion(CommandLine cli) {
        cli.getCommandSpec().versionProvider(new Version());
        cli.getSubcommands().values().forEach(Main::giveVersion);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The version from the jar's manifest, or from the build's {@code proxima-version.properties}
     * when the classes are not in a jar (the container image); "dev" only when neither has it.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            if (v == null) {
                v = fromBuild();
            }
            return new String[] {"proxima " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
        }

        private static String fromBuild() {
            try (InputStream in = Main.class.getResourceAsStream("/proxima-version.properties")) {
                if (in == null) {
                    return null;
                }
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                return v == null || v.isBlank() || v.startsWith("${") ? null : v;
            } catch (IOException e) {
                return null;
            }
        }
    }
}
