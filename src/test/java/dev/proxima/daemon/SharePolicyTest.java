package dev.proxima.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.proxima.daemon.SharePolicy.Claim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SharePolicyTest {
    @Test
    void priorityFirstThenTheFewestDeviceSecondsThenFewerWorkersThenTheEarlier() {
        Claim low = new Claim("low", 0, 0, 0, 0, true, 1);
        Claim a = new Claim("a", 5, 300, 0, 10, true, 2);
        Claim b = new Claim("b", 5, 100, 1, 10, true, 3);
        Claim c = new Claim("c", 5, 100, 0, 10, true, 4);
        assertEquals(Optional.of("c"), SharePolicy.next(List.of(low, a, b, c)),
                "c: top priority, 100 device-seconds and no worker on it (b has one, so 110 committed)");
        assertEquals(Optional.of("low"), SharePolicy.next(List.of(low, new Claim("a", 5, 0, 0, 0, false, 2))),
                "a higher priority without work does not hold a worker back");
        assertEquals(Optional.empty(), SharePolicy.next(List.of(new Claim("x", 1, 0, 0, 0, false, 1))));
        assertEquals(List.of("c", "b", "a", "low"), SharePolicy.ranked(List.of(low, a, b, c)).stream().map(Claim::id).toList());
        assertEquals(Optional.of("second"), SharePolicy.next(List.of(new Claim("first", 0, 0, 1, 0, true, 1),
                new Claim("second", 0, 0, 0, 0, true, 2))), "new searches split the workers");
    }

    @Test
    void searchesOfOnePriorityConvergeToEqualDeviceSeconds() {
        // 4 workers, two searches with trials of 10 and 30 device-seconds; each worker, when its trial ends,
        // asks the policy where to go next: the shares of device-seconds end up equal
        Map<String, Double> cost = Map.of("short", 10.0, "long", 30.0);
        Map<String, Double> used = new HashMap<>(Map.of("short", 0.0, "long", 0.0));
        Map<String, Integer> done = new HashMap<>(Map.of("short", 0, "long", 0));
        List<String> serving = new ArrayList<>(List.of("", "", "", ""));
        double[] busyUntil = new double[4];
        for (double t = 0; t < 20_000; t += 1) {
            for (int w = 0; w < 4; w++) {
                if (busyUntil[w] > t) {
                    continue;
                }
                if (!serving.get(w).isEmpty()) {
                    used.merge(serving.get(w), cost.get(serving.get(w)), Double::sum);
                    done.merge(serving.get(w), 1, Integer::sum);
                }
                serving.set(w, "");
                List<Claim> claims = new ArrayList<>();
                long order = 1;
                for (String s : List.of("short", "long")) {
                    int workers = (int) serving.stream().filter(s::equals).count();
                    claims.add(new Claim(s, 0, used.get(s), workers, done.get(s) == 0 ? 0 : used.get(s) / done.get(s), true,
                            order++));
                }
                String next = SharePolicy.next(claims).orElseThrow();
                serving.set(w, next);
                busyUntil[w] = t + cost.get(next);
            }
        }
        assertEquals(1.0, used.get("short") / used.get("long"), 0.02, "equal device-seconds: " + used);
    }
}
