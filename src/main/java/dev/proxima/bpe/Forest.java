package dev.proxima.bpe;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * A random-forest regression of the objective on a setting's levels (Tribuo's bagged CART trees,
 * averaged). Levels are ordinal (values ascending), which is all a tree needs; they are fed as
 * level + 1 because Tribuo treats a feature of value 0 as absent.
 */
public final class Forest {
    /** Tribuo logs a line per tree through java.util.logging; held here so the level sticks. */
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

    static {
        TRIBUO.setLevel(Level.WARNING);
    }

    /** Share of the parameters each split may choose from: a random forest's decorrelation, not all of them. */
    static final float FEATURES_PER_SPLIT = 0.8f;

    private final Model<Regressor> model;
    private final String[] names;

    private Forest(Model<Regressor> model, String[] names) {
        this.model = model;
        this.names = names;
    }

    /** Fits {@code trees} trees to the objective of every result. */
    public static Forest fit(List<SettingResult> results, int dimensions, int trees, long seed) {
        if (results.size() < 2) {
            throw new IllegalArgumentException("a forest needs at least 2 evaluated settings, got " + results.size());
        }
        String[] names = new String[dimensions];
        for (int d = 0; d < dimensions; d++) {
            names[d] = "p" + d;
        }
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("bpe settings", factory), factory);
        for (SettingResult r : results) {
            data.add(new ArrayExample<>(new Regressor("objective", r.objective()), names, encode(r.setting(), dimensions)));
        }
        CARTRegressionTrainer tree = new CARTRegressionTrainer(Integer.MAX_VALUE, 1f, 0f, FEATURES_PER_SPLIT,
                new MeanSquaredError(), seed);
        RandomForestTrainer<Regressor> forest = new RandomForestTrainer<>(tree, new AveragingCombiner(), trees, seed);
        return new Forest(forest.train(data), names);
    }

    private static double[] encode(BpeSetting s, int dimensions) {
        double[] x = new double[dimensions];
        for (int d = 0; d < dimensions; d++) {
            x[d] = s.level(d) + 1;
        }
        return x;
    }

    /** The predicted objective of each setting, in order. */
    public double[] predict(List<BpeSetting> settings) {
        List<Example<Regressor>> examples = new ArrayList<>(settings.size());
        for (BpeSetting s : settings) {
            examples.add(new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, names, encode(s, names.length)));
        }
        List<Prediction<Regressor>> out = model.predict(examples);
        double[] y = new double[out.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = out.get(i).getOutput().getValues()[0];
        }
        return y;
    }
}
