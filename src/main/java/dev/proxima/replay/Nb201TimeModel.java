package dev.proxima.replay;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.proxima.proxy.Fidelity;
import dev.proxima.space.nb201.Nb201Cell;
import dev.proxima.space.nb201.Nb201Network;
import dev.proxima.space.nb201.Nb201Space;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.exception.MathIllegalArgumentException;

/**
 * Training time of a NAS-Bench-201 cell, for tables that record none. NAS-Bench-201 charges a
 * simulated trial {@code train-all-time + valid-per-time}: the epochs' training seconds plus one
 * evaluation pass. Only three architectures have recorded times (NATS-Bench's full records of cells
 * 0, 11 and 284), so both parts are fitted by least squares as linear in two features of the cell:
 * <pre>  seconds per epoch = a + b * MFLOPs + c * active edges,   evaluation = a' + b' * MFLOPs + c' * active edges</pre>
 * FLOPs carry the convolutions' arithmetic; the count of non-{@code none} edges carries the
 * per-operation work that has no FLOPs (pooling, identity branches, the sums at each node), which
 * FLOPs alone miss: cells 0 and 284 differ by 4 MFLOPs but by 2.3 s per epoch.
 */
public final class Nb201TimeModel implements CostModel {
    private final Nb201Network network;
    private final double[] train;
    private final double[] eval;
    private final String source;

    Nb201TimeModel(Nb201Network network, double[] train, double[] eval, String source) {
        this.network = network;
        this.train = train;
        this.eval = eval;
        this.source = source;
    }

    /**
     * Fits the model on NATS-Bench raw records (JSON lines, as {@code nats-tss-3arch-full.jsonl.gz}).
     *
     * @param dataset records of this dataset, e.g. {@code cifar10-valid}
     * @param hp records of this schedule length, e.g. 12
     * @param evalSplit the evaluation split whose per-pass time is charged, e.g. {@code x-valid}
     */
    public static Nb201TimeModel fit(Path records, String dataset, int hp, String evalSplit, Nb201Network network) {
        Nb201Space space = new Nb201Space();
        List<double[]> features = new ArrayList<>();
        List<Double> trainSeconds = new ArrayList<>();
        List<Double> evalSeconds = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(records)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                JsonObject r = JsonParser.parseString(line).getAsJsonObject();
                if (!r.get("dataset").getAsString().equals(dataset) || r.get("hp").getAsInt() != hp) {
                    continue;
                }
                Nb201Cell cell = space.parse(r.get("arch").getAsString());
                features.add(features(network, cell));
                trainSeconds.add(mean(r.getAsJsonArray("train_time_s")));
                JsonObject split = r.getAsJsonObject("eval").getAsJsonObject(evalSplit);
                if (split == null) {
                    throw new TableFormatException(records + " line " + lineNo + ": no eval split '" + evalSplit + "'");
                }
                evalSeconds.add(mean(split.getAsJsonArray("time_s")));
            }
        } catch (TableFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new TableFormatException(records + ": cannot read (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new TableFormatException(records + " line " + lineNo + ": not a NATS-Bench record (" + e.getMessage() + ")");
        }
        String source = records.getFileName() + " (" + dataset + ", hp=" + hp + ", " + features.size() + " records)";
        return new Nb201TimeModel(network, solve(features, trainSeconds, source), solve(features, evalSeconds, source), source);
    }

    private static double[] features(Nb201Network network, Nb201Cell cell) {
        return new double[] {1, network.megaFlops(cell), cell.activeEdges()};
    }

    private static double mean(Iterable<JsonElement> values) {
        double sum = 0;
        int n = 0;
        for (JsonElement v : values) {
            sum += v.getAsDouble();
            n++;
        }
        return sum / n;
    }

    private static double[] solve(List<double[]> x, List<Double> y, String source) {
        RealMatrix a = new Array2DRowRealMatrix(x.toArray(new double[0][]));
        RealVector b = new ArrayRealVector(y.stream().mapToDouble(Double::doubleValue).toArray());
        try {
            return new QRDecomposition(a).getSolver().solve(b).toArray();
        } catch (MathIllegalArgumentException e) {
            throw new TableFormatException(source + ": the time model needs records of at least 3 architectures "
                    + "with different FLOPs and active-edge counts");
        }
    }

    /** Training seconds of one epoch of this cell. */
    public double epochSeconds(Nb201Cell cell) {
        return dot(train, features(network, cell));
    }

    /** Seconds of one evaluation pass of this cell. */
    public double evalSeconds(Nb201Cell cell) {
        return dot(eval, features(network, cell));
    }

    @Override
    public double seconds(TableRow row, Fidelity fidelity) {
        if (!(row.architecture() instanceof Nb201Cell cell)) {
            return Double.NaN;
        }
        return Math.max(1e-3, fidelity.epochs() * epochSeconds(cell) + evalSeconds(cell));
    }

    private static double dot(double[] w, double[] x) {
        return w[0] * x[0] + w[1] * x[1] + w[2] * x[2];
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "nb201 time model from %s: s/epoch = %.3f + %.4f*MFLOPs + %.3f*edges, "
                + "eval = %.3f + %.4f*MFLOPs + %.3f*edges", source, train[0], train[1], train[2], eval[0], eval[1], eval[2]);
    }
}
