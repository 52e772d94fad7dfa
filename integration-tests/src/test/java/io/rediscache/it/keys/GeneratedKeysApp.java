package io.rediscache.it.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The application {@link GeneratedKeysTest} forks. Generates the same argument tuples in every
 * JVM ({@link GeneratedArguments}, seed and count from the command line) and calls each of the
 * four {@link TupleService} methods with each tuple.
 * <ul>
 *   <li>{@code store}: with the tuples as generated. A tuple whose description
 *       ({@link ArgumentModel}) is new must run the method; one equal to an earlier tuple must
 *       hit and be served the entry the earlier one stored ({@code A/<method>/<first index>}).</li>
 *   <li>{@code hit <variant>}: with rebuilt copies ({@link ArgumentRebuilder}); every call must
 *       hit and be served what JVM A stored for the first equal tuple.</li>
 * </ul>
 * Reports the number of violations, the number of distinct descriptions, digests of the
 * descriptions (equal in every JVM: the same tuples) and of the iteration orders (differ with
 * the identity hash codes), and the identity hash codes of two fresh objects.
 */
public final class GeneratedKeysApp {

    private GeneratedKeysApp() {
    }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        String mode = args[1];
        int count = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        TupleService.label = label;
        List<Object[]> tuples = GeneratedArguments.tuples(seed, count);
        ArgumentRebuilder rebuilder = mode.equals("hit") ? new ArgumentRebuilder(Integer.parseInt(args[4])) : null;
        TupleService service = new TupleService();
        TupleService.OtherTupleService other = new TupleService.OtherTupleService();
        Map<String, BiFunction<Object, Object, String>> methods = Map.of(
                "first2", service::first,
                "first3", (a, b) -> service.first(a, b, TupleService.index),
                "second", service::second,
                "other", other::first);
        MessageDigest descriptions = MessageDigest.getInstance("SHA-256");
        MessageDigest iterationOrders = MessageDigest.getInstance("SHA-256");
        Map<String, Integer> firstIndex = new HashMap<>();
        int violations = 0;
        for (int i = 0; i < count; i++) {
            Object[] tuple = tuples.get(i);
            String description = ArgumentModel.describe(tuple[0]) + "|" + ArgumentModel.describe(tuple[1]);
            descriptions.update(description.getBytes(StandardCharsets.UTF_8));
            iterationOrders.update((ArgumentModel.inIterationOrder(tuple[0]) + "|" + ArgumentModel.inIterationOrder(tuple[1]))
                    .getBytes(StandardCharsets.UTF_8));
            Integer first = firstIndex.putIfAbsent(description, i);
            int owner = first == null ? i : first;
            boolean mustRun = mode.equals("store") && first == null;
            for (Map.Entry<String, BiFunction<Object, Object, String>> method : new TreeMap<>(methods).entrySet()) {
                Object a = rebuilder == null ? tuple[0] : rebuilder.rebuild(tuple[0]);
                Object b = rebuilder == null ? tuple[1] : rebuilder.rebuild(tuple[1]);
                TupleService.index = i;
                int runsBefore = TupleService.runs;
                String returned = method.getValue().apply(a, b);
                boolean ran = TupleService.runs != runsBefore;
                String expected = "A/" + method.getKey() + "/" + owner;
                if (ran != mustRun || !expected.equals(returned)) {
                    if (violations++ < 10) {
                        System.out.println("VIOLATION tuple " + i + " " + method.getKey() + ": ran=" + ran + " expected "
                                + expected + " got " + returned + " for " + description);
                    }
                }
            }
        }
        report(label + ".violations", violations);
        report(label + ".distinct", firstIndex.size());
        report(label + ".runs", TupleService.runs);
        report(label + ".descriptions", HexFormat.of().formatHex(descriptions.digest()));
        report(label + ".iterationOrders", HexFormat.of().formatHex(iterationOrders.digest()));
        report(label + ".identityHashCodes", System.identityHashCode(new Object()) + "," + System.identityHashCode(new Object()));
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
