package io.rediscache.it.values;

/**
 * The application the value tests fork. For every kind in {@link ValueKinds} it reports one
 * line {@code RESULT <phase>.<kind>=ok}, or what went wrong.
 * <ul>
 *   <li>{@code fill}: calls twice; the first call must run the body (a miss, stored), the
 *       second must not (a hit), and the hit must equal a freshly built value.</li>
 *   <li>{@code read <phase>}: a new JVM over the entries another one stored; one call, which
 *       must be a hit equal to a freshly built value.</li>
 * </ul>
 */
public final class ValueTypesApp {

    private ValueTypesApp() {
    }

    public static void main(String[] args) {
        ValueService service = new ValueService();
        String phase = args[0].equals("fill") ? "inJvm" : args[1];
        int problems = 0;
        for (String name : ValueKinds.names()) {
            String outcome;
            try {
                outcome = args[0].equals("fill") ? fill(service, ValueKinds.kind(name)) : read(service, ValueKinds.kind(name));
            } catch (Throwable e) {
                outcome = "threw " + e;
            }
            if (!outcome.equals("ok")) {
                problems++;
            }
            System.out.println("RESULT " + phase + "." + name + "=" + outcome.replace('\n', ' '));
        }
        System.out.println("RESULT " + phase + ".kinds=" + ValueKinds.names().size());
        System.out.println("RESULT " + phase + ".problems=" + problems);
    }

    private static String fill(ValueService service, ValueKinds.Kind kind) {
        int before = ValueService.runs(kind.name());
        Object first = kind.call().apply(service);
        int afterFirst = ValueService.runs(kind.name());
        Object second = kind.call().apply(service);
        int afterSecond = ValueService.runs(kind.name());
        if (afterFirst != before + 1) {
            return "the first call was not a miss: the body ran " + (afterFirst - before) + " times";
        }
        String fresh = ValueKinds.check(kind, kind.build().get(), first);
        if (!fresh.equals("ok")) {
            return "the miss itself returned a changed value: " + fresh;
        }
        if (afterSecond != afterFirst) {
            return "the second call was not a hit: the body ran again";
        }
        return ValueKinds.check(kind, kind.build().get(), second);
    }

    private static String read(ValueService service, ValueKinds.Kind kind) {
        Object value = kind.call().apply(service);
        if (ValueService.runs(kind.name()) != 0) {
            return "the call in the new JVM was not a hit: the body ran";
        }
        return ValueKinds.check(kind, kind.build().get(), value);
    }
}
