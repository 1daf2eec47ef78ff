package dev.proxima.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Mean and standard deviation over seeds of the best-so-far result against simulated seconds.
 * The standard deviation is the population one (numpy's default, as the NAS-Bench-201 tables use).
 */
public final class ReplayReport {
    private final Map<String, List<Simulator.Run>> runsByController = new LinkedHashMap<>();
    private final List<Double> checkpoints;

    /** @param checkpoints simulated seconds at which the best-so-far is read, ascending */
    public ReplayReport(List<Double> checkpoints) {
        this.checkpoints = List.copyOf(checkpoints);
    }

    public void add(String controller, List<Simulator.Run> runs) {
        runsByController.put(controller, List.copyOf(runs));
    }

    /** One cell of the report. */
    public record Row(String controller, double seconds, int runsWithResult, double meanResult, double stdResult,
            double meanScore, double meanCompleted) {}

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        runsByController.forEach((controller, runs) -> {
            for (double t : checkpoints) {
                DescriptiveStatistics result = new DescriptiveStatistics();
                DescriptiveStatistics score = new DescriptiveStatistics();
                DescriptiveStatistics completed = new DescriptiveStatistics();
                for (Simulator.Run run : runs) {
                    Optional<Simulator.Point> p = run.at(t);
                    p.ifPresent(x -> {
                        result.addValue(x.result());
                        score.addValue(x.bestScore());
                    });
                    completed.addValue(p.map(Simulator.Point::completed).orElse(0));
                }
                double std = result.getN() == 0 ? Double.NaN : Math.sqrt(result.getPopulationVariance());
                rows.add(new Row(controller, t, (int) result.getN(), result.getMean(), std, score.getMean(), completed.getMean()));
            }
        });
        return rows;
    }

    /** A fixed-width table, one block per controller. */
    public void printTable(PrintStream out, String resultName, String scoreName) {
        out.printf(Locale.ROOT, "%-24s %10s %6s %18s %12s %10s%n", "controller", "sim_s", "runs", resultName + " (mean±std)",
                "best " + scoreName, "trials");
        for (Row r : rows()) {
            out.printf(Locale.ROOT, "%-24s %10.0f %6d %11.2f ± %4.2f %12.2f %10.1f%n", r.controller(), r.seconds(),
                    r.runsWithResult(), r.meanResult(), r.stdResult(), r.meanScore(), r.meanCompleted());
        }
    }

    public void writeCsv(Path file) throws IOException {
        StringBuilder s = new StringBuilder("controller,sim_seconds,runs_with_result,mean_result,std_result,mean_best_score,mean_trials\n");
        for (Row r : rows()) {
            s.append(String.format(Locale.ROOT, "%s,%.1f,%d,%.4f,%.4f,%.4f,%.2f%n", r.controller(), r.seconds(),
                    r.runsWithResult(), r.meanResult(), r.stdResult(), r.meanScore(), r.meanCompleted()));
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, s);
    }
}
