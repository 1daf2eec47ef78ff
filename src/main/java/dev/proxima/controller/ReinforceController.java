package dev.proxima.controller;

import dev.proxima.space.Architecture;
import dev.proxima.space.CategoricalSpace;
import java.util.random.RandomGenerator;

/**
 * REINFORCE (Williams 1992) as NAS-Bench-201 runs it ({@code exps/algos/reinforce.py}): one
 * independent categorical distribution per decision (softmax over logits), Adam on the logits,
 * loss {@code -log p(a) * (reward - baseline)}, and an exponential-moving-average baseline with
 * bias correction ({@code numerator / denominator}). One update per observed result; the search's
 * answer is its best-rewarded sample, as in the reference. Logits start at 0 (the reference adds
 * 1e-3 noise, which only breaks ties in the argmax genotype it does not report).
 */
public final class ReinforceController implements Controller {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final CategoricalSpace space;
    private final double learningRate;
    private final double emaMomentum;
    private final double[][] logits;
    private final double[][] firstMoment;
    private final double[][] secondMoment;
    private int steps;
    private double emaNumerator;
    private double emaDenominator;

    public ReinforceController(CategoricalSpace space, double learningRate, double emaMomentum) {
        if (!(learningRate > 0) || !(emaMomentum >= 0 && emaMomentum < 1)) {
            throw new IllegalArgumentException("REINFORCE needs learning-rate > 0 and ema-momentum in [0, 1), got "
                    + learningRate + " and " + emaMomentum);
        }
        this.space = space;
        this.learningRate = learningRate;
        this.emaMomentum = emaMomentum;
        int[] counts = space.optionCounts();
        logits = new double[counts.length][];
        firstMoment = new double[counts.length][];
        secondMoment = new double[counts.length][];
        for (int d = 0; d < counts.length; d++) {
            logits[d] = new double[counts[d]];
            firstMoment[d] = new double[counts[d]];
            secondMoment[d] = new double[counts[d]];
        }
    }

    @Override
    public Architecture propose(RandomGenerator rng) {
        int[] choices = new int[logits.length];
        for (int d = 0; d < logits.length; d++) {
            double[] p = probabilities(d);
            double u = rng.nextDouble();
            int pick = p.length - 1;
            for (int k = 0; k < p.length; k++) {
                u -= p[k];
                if (u < 0) {
                    pick = k;
                    break;
                }
            }
            choices[d] = pick;
        }
        return space.fromChoices(choices);
    }

    @Override
    public void observe(Architecture architecture, double reward) {
        emaNumerator = emaMomentum * emaNumerator + (1 - emaMomentum) * reward;
        emaDenominator = emaMomentum * emaDenominator + (1 - emaMomentum);
        double advantage = reward - emaNumerator / emaDenominator;
        int[] choices = space.choicesOf(architecture);
        steps++;
        double correction1 = 1 - Math.pow(BETA1, steps);
        double correction2 = 1 - Math.pow(BETA2, steps);
        for (int d = 0; d < logits.length; d++) {
            double[] p = probabilities(d);
            for (int k = 0; k < p.length; k++) {
                // d/dlogit of -log p(choice) * advantage = (p_k - [k == choice]) * advantage
                double grad = (p[k] - (k == choices[d] ? 1 : 0)) * advantage;
                firstMoment[d][k] = BETA1 * firstMoment[d][k] + (1 - BETA1) * grad;
                secondMoment[d][k] = BETA2 * secondMoment[d][k] + (1 - BETA2) * grad * grad;
                double mHat = firstMoment[d][k] / correction1;
                double vHat = secondMoment[d][k] / correction2;
                logits[d][k] -= learningRate * mHat / (Math.sqrt(vHat) + EPSILON);
            }
        }
    }

    /** The policy's probabilities for decision {@code d}. */
    public double[] probabilities(int d) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits[d]) {
            max = Math.max(max, l);
        }
        double[] p = new double[logits[d].length];
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(logits[d][k] - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
