package dev.proxima.protocol;

import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.protocol.v1.ArchitectureSpec;
import dev.proxima.protocol.v1.AssignTrial;
import dev.proxima.protocol.v1.FidelitySpec;
import dev.proxima.protocol.v1.TrainingRecipeSpec;
import dev.proxima.proxy.Fidelity;
import dev.proxima.proxy.Resume;
import dev.proxima.proxy.TrainingRecipe;
import dev.proxima.search.Assignment;
import dev.proxima.space.SearchSpaces;

/** Mapping between the pure packages' types and the generated protobuf messages. */
public final class ProtoConversions {
    private ProtoConversions() {}

    /** @param run the run's name, for workers of several runs that share a checkpoint folder; "" for none */
    public static AssignTrial toProto(Assignment a, String run) {
        return AssignTrial.newBuilder()
                .setTrialId(a.trialId())
                .setAttempt(a.attempt())
                .setWorkerId(a.workerId())
                .setArchitecture(ArchitectureSpec.newBuilder().setSpace(a.architecture().space())
                        .setEncoding(a.architecture().encode()))
                .setFidelity(toProto(a.fidelity()))
                .setDeadlineEpochMs(a.deadlineMillis())
                .setTier(a.tier())
                .setResumeFromTrial(a.resume().fromTrial())
                .setStartEpoch(a.resume().startEpoch())
                .addAllZeroCostScores(a.request().zeroCostScores())
                .setRun(run)
                .build();
    }

    /** @throws IllegalArgumentException when the message names an unknown space, a bad encoding or fidelity */
    public static EvaluationRequest toRequest(AssignTrial m) {
        return new EvaluationRequest(m.getTrialId(), m.getAttempt(),
                SearchSpaces.byName(m.getArchitecture().getSpace()).parse(m.getArchitecture().getEncoding()),
                fromProto(m.getFidelity()), new Resume(m.getResumeFromTrial(), m.getStartEpoch()), m.getZeroCostScoresList(),
                m.getRun());
    }

    public static FidelitySpec toProto(Fidelity f) {
        TrainingRecipe r = f.recipe();
        return FidelitySpec.newBuilder().setName(f.name()).setEpochs(f.epochs()).setScheduleEpochs(f.scheduleEpochs())
                .setRecipe(TrainingRecipeSpec.newBuilder().setInitialChannels(r.initialChannels())
                        .setCellsPerStage(r.cellsPerStage()).setResolution(r.resolution()).setDataFraction(r.dataFraction())
                        .setBatchSize(r.batchSize()).setLearningRate(r.learningRate()).setMomentum(r.momentum())
                        .setWeightDecay(r.weightDecay()).setCutout(r.cutout()).setValidateEveryBatches(r.validateEveryBatches()))
                .build();
    }

    /** @throws IllegalArgumentException when the recipe is missing or out of range */
    public static Fidelity fromProto(FidelitySpec f) {
        if (!f.hasRecipe()) {
            throw new IllegalArgumentException("fidelity '" + f.getName() + "' has no training recipe");
        }
        TrainingRecipeSpec r = f.getRecipe();
        int schedule = f.getScheduleEpochs() == 0 ? f.getEpochs() : f.getScheduleEpochs();
        return new Fidelity(f.getName(), f.getEpochs(), schedule, new TrainingRecipe(r.getInitialChannels(), r.getCellsPerStage(),
                r.getResolution(), r.getDataFraction(), r.getBatchSize(), r.getLearningRate(), r.getMomentum(),
                r.getWeightDecay(), r.getCutout(), r.getValidateEveryBatches()));
    }
}
