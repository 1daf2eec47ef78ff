package dev.proxima.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DJL's SGD with momentum, made with the same engine call ({@code sgdUpdate}, lazy update) and so
 * the same numbers as {@code Optimizer.sgd()}, but with its momentum buffers reachable: DJL's own
 * keeps them private, so a checkpoint could not carry them and a resumed training restarted its
 * momentum at zero.
 */
final class MomentumSgd extends Optimizer {
    private final ParameterTracker learningRate;
    private final float momentum;
    private final Map<String, Map<Device, NDArray>> states = new ConcurrentHashMap<>();

    private MomentumSgd(Builder b) {
        super(b);
        this.learningRate = b.learningRate;
        this.momentum = b.momentum;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float weightDecay = getWeightDecay();
        float lr = learningRate.getNewValue(parameterId, updateCount(parameterId));
        NDList inputs = momentum == 0f ? new NDList(weight, grad)
                : new NDList(weight, grad, withDefaultState(states, parameterId, weight.getDevice(), k -> weight.zerosLike()));
        weight.getNDArrayInternal().sgdUpdate(inputs, new NDList(weight), lr, weightDecay, rescaleGrad, clipGrad, momentum,
                true);
    }

    /** The parameter's momentum buffer, once it has been updated. */
    Optional<NDArray> state(String parameterId) {
        Map<Device, NDArray> byDevice = states.get(parameterId);
        return byDevice == null ? Optional.empty() : byDevice.values().stream().findFirst();
    }

    /** Sets a parameter's momentum buffer (read from a checkpoint) before its first update. */
    void restore(String parameterId, NDArray value) {
        states.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>()).put(value.getDevice(), value);
    }

    static final class Builder extends OptimizerBuilder<Builder> {
        private ParameterTracker learningRate;
        private float momentum;

        Builder learningRate(ParameterTracker tracker) {
            this.learningRate = tracker;
            return this;
        }

        Builder momentum(float value) {
            this.momentum = value;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        MomentumSgd build() {
            return new MomentumSgd(this);
        }
    }
}
