package dev.proxima.http;

/** The replay search the page tests watch: a three-tier ladder on real learning curves, ASHA promotion and stopping. */
final class CurveSearch {
    private CurveSearch() {}

    /** Its configuration, replayed at {@code speedup} with a budget that outlasts the test, its page on a free port. */
    static String conf(int speedup) {
        return """
                include classpath("nb201-curves-asha.conf")
                proxima.search.promotion { rule = asha, eta = 3 }
                proxima.replay { ladder = [e50, e100, e200s], speedup = %d,
                                 budget { max-device-seconds = 0, max-trials = 100000 } }
                proxima.http.port = 0
                """.formatted(speedup);
    }
}
