package dev.proxima.cluster;

import akka.actor.AbstractActor;
import akka.actor.ActorSystem;
import akka.actor.Props;
import akka.cluster.Cluster;
import akka.cluster.Member;
import dev.proxima.protocol.v1.SearchEnded;
import dev.proxima.search.SearchSummary;
import dev.proxima.supervisor.SupervisorMessages.SearchFinished;
import dev.proxima.supervisor.SupervisorMessages.SearchProgress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Each supervisor node's ear for the search: progress and the end from the singleton when it runs
 * here, and {@code SearchEnded} from the node that ran it otherwise, so that every supervisor node
 * of the search ends with it (a standby has nothing left to take over).
 */
public final class SearchListener extends AbstractActor {
    /** Its name on every supervisor node, where the node that ends the search finds it. */
    public static final String NAME = "search-listener";

    private final String run;
    private final Consumer<SearchSummary> progress;
    private final Function<SearchSummary, String> describe;
    private final CompletableFuture<String> ended;

    private SearchListener(String run, Consumer<SearchSummary> progress, Function<SearchSummary, String> describe,
            CompletableFuture<String> ended) {
        this.run = run;
        this.progress = progress;
        this.describe = describe;
        this.ended = ended;
    }

    /**
     * @param describe the summary as the user reads it, told to the other supervisor nodes
     * @param ended completed with that text when the search is over, here or on another node
     */
    public static Props props(String run, Consumer<SearchSummary> progress, Function<SearchSummary, String> describe,
            CompletableFuture<String> ended) {
        return Props.create(SearchListener.class, () -> new SearchListener(run, progress, describe, ended));
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(SearchProgress.class, p -> {
                    if (!ended.isDone()) { // the summary is printed; no progress line after it
                        progress.accept(p.summary());
                    }
                })
                .match(SearchFinished.class, f -> onFinished(f.summary()))
                .match(SearchEnded.class, e -> {
                    if (e.getRun().equals(run)) {
                        ended.complete(e.getSummary());
                    }
                })
                .build();
    }

    private void onFinished(SearchSummary summary) {
        String text = describe.apply(summary);
        ActorSystem system = getContext().getSystem();
        Cluster cluster = Cluster.get(system);
        SearchEnded message = SearchEnded.newBuilder().setRun(run).setSummary(text).build();
        for (Member m : cluster.state().getMembers()) {
            if (m.hasRole(NodeConfig.SUPERVISOR_ROLE) && !m.address().equals(cluster.selfAddress())) {
                system.actorSelection(m.address() + "/user/" + NAME).tell(message, getSelf());
            }
        }
        ended.complete(text);
    }
}
