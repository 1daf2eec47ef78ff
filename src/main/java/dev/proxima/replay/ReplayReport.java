package dev.proxima.replay;

import dev.proxima.proxy.ProxyLadder;
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
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final List<Double> checkpoints;

    private record Column(List<Simulator.Run> runs, ProxyLadder ladder) {
        String topTier() {
            return ladder.tier(ladder.top()).name();
        }
    }

    /** @param checkpoints simulated seconds at which the best-so-far is read, ascending */
    public ReplayReport(List<Double> checkpoints) {
        this.checkpoints = List.copyOf(checkpoints);
    }

    /** The runs of one column (a controller or a pipeline) and the ladder they searched. */
    public void add(String controller, ProxyLadder ladder, List<Simulator.Run> runs) {
        columns.put(controller, new Column(List.copyOf(runs), ladder));
    }

    /**
     * One cell of the report. {@code meanTopScore} averages the runs whose answer is already a
     * top-tier score (NaN when none is: a lower tier's score is not comparable); {@code runsEnded}
     * counts the runs whose budget had run out by then.
     */
    public record Row(String controller, double seconds, int runsWithResult, double meanResult, double stdResult,
            String topTier, double meanTopScore, double meanCompleted, int runsEnded) {}

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        columns.forEach((controller, column) -> {
            for (double t : checkpoints) {
                DescriptiveStatistics result = new DescriptiveStatistics();
                DescriptiveStatistics score = new DescriptiveStatistics();
                DescriptiveStatistics completed = new DescriptiveStatistics();
                int ended = 0;
                for (Simulator.Run run : column.runs()) {
                    Optional<Simulator.Point> p = run.at(t);
                    p.ifPresent(x -> {
                        result.addValue(x.result());
                        if (x.bestTier() == column.ladder().top()) {
                            score.addValue(x.bestScore());
                        }
                    });
                    completed.addValue(p.map(Simulator.Point::completed).orElse(0));
                    ended += run.endSeconds() <= t ? 1 : 0;
                }
                double std = result.getN() == 0 ? Double.NaN : Math.sqrt(result.getPopulationVariance());
                rows.add(new Row(controller, t, (int) result.getN(), result.getMean(), std, column.topTier(),
                        score.getN() == 0 ? Double.NaN : score.getMean(), completed.getMean(), ended));
            }
        });
        return rows;
    }

    /**
     * A fixed-width table, one block per controller, then a line per column saying when its runs'
     * budget ran out (rows after that repeat the final answer).
     */
    public void printTable(PrintStream out, String resultName) {
        out.printf(Locale.ROOT, "%-24s %10s %6s %18s %18s %10s %6s%n", "controller", "sim_s", "runs", resultName + " (mean±std)",
                "best top-tier", "trials", "ended");
        for (Row r : rows()) {
            String score = Double.isNaN(r.meanTopScore()) ? "-" : String.format(Locale.ROOT, "%.2f", r.meanTopScore());
            out.printf(Locale.ROOT, "%-24s %10.0f %6d %11.2f ± %4.2f %18s %10.1f %6d%n", r.controller(), r.seconds(),
                    r.runsWithResult(), r.meanResult(), r.stdResult(), score + " (" + r.topTier() + ")", r.meanCompleted(),
                    r.runsEnded());
        }
        double last = checkpoints.get(checkpoints.size() - 1);
        columns.forEach((controller, column) -> {
            DescriptiveStatistics end = new DescriptiveStatistics();
            column.runs().forEach(r -> end.addValue(r.endSeconds()));
            if (end.getPercentile(50) < last) {
                out.printf(Locale.ROOT, "%s: the budget ran out at %.0f s of simulated time (median of %d runs; latest %.0f s); "
                        + "later rows repeat the final answer%n", controller, end.getPercentile(50), column.runs().size(),
                        end.getMax());
            }
        });
    }

    public void writeCsv(Path file) throws IOException {
        StringBuilder s = new StringBuilder("controller,sim_seconds,runs_with_result,mean_result,std_result,top_tier,"
                + "mean_best_top_tier_score,mean_trials,runs_ended\n");
        for (Row r : rows()) {
            s.append(String.format(Locale.ROOT, "%s,%.1f,%d,%.4f,%.4f,%s,%.4f,%.2f,%d%n", r.controller(), r.seconds(),
                    r.runsWithResult(), r.meanResult(), r.stdResult(), r.topTier(), r.meanTopScore(), r.meanCompleted(),
                    r.runsEnded()));
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, s);
    }
}
