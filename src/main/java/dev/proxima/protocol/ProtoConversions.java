package dev.proxima.protocol;

import dev.proxima.evaluation.EvaluationRequest;
import dev.proxima.protocol.v1.ArchitectureSpec;
import dev.proxima.protocol.v1.AssignTrial;
import dev.proxima.protocol.v1.FidelitySpec;
import dev.proxima.proxy.Fidelity;
import dev.proxima.search.Assignment;
import dev.proxima.space.SearchSpaces;

/** Mapping between the pure packages' types and the generated protobuf messages. */
public final class ProtoConversions {
    private ProtoConversions() {}

    public static AssignTrial toProto(Assignment a) {
        return AssignTrial.newBuilder()
                .setTrialId(a.trialId())
                .setAttempt(a.attempt())
                .setWorkerId(a.workerId())
                .setArchitecture(ArchitectureSpec.newBuilder().setSpace(a.architecture().space())
                        .setEncoding(a.architecture().encode()))
                .setFidelity(FidelitySpec.newBuilder().setName(a.fidelity().name()).setEpochs(a.fidelity().epochs()))
                .setDeadlineEpochMs(a.deadlineMillis())
                .build();
    }

    /** @throws IllegalArgumentException when the message names an unknown space, a bad encoding or fidelity */
    public static EvaluationRequest toRequest(AssignTrial m) {
        return new EvaluationRequest(m.getTrialId(), m.getAttempt(),
                SearchSpaces.byName(m.getArchitecture().getSpace()).parse(m.getArchitecture().getEncoding()),
                new Fidelity(m.getFidelity().getName(), m.getFidelity().getEpochs()));
    }
}
