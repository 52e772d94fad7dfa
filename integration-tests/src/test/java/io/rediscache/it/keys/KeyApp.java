package io.rediscache.it.keys;

import java.util.function.Function;

/**
 * The application the key tests fork, once per JVM role:
 * <ul>
 *   <li>{@code store}: calls once with each {@link KeyArguments.Same#a} argument;</li>
 *   <li>{@code hit}: calls once with each logically equal {@link KeyArguments.Same#b};</li>
 *   <li>{@code hit-and-differ}: the same, then once with each {@link KeyArguments.Different} argument.</li>
 * </ul>
 * Reports {@code RESULT <label>.<name>=<returned>} and {@code RESULT <label>.<name>.ran=<true|false>}
 * (whether the body ran, i.e. a miss), and the identity hash codes of two fresh objects, which
 * show whether {@code -XX:hashCode=2} is in force.
 */
public final class KeyApp {

    private KeyApp() {
    }

    public static void main(String[] args) {
        String label = args[0];
        String mode = args[1];
        KeyService.label(label);
        KeyService service = new KeyService();
        report(label + ".identityHashCodes", System.identityHashCode(new Object()) + "," + System.identityHashCode(new Object()));
        for (KeyArguments.Same same : KeyArguments.SAME) {
            call(label, same.name(), mode.equals("store") ? same.a() : same.b(), service);
        }
        if (mode.equals("hit-and-differ")) {
            for (KeyArguments.Different different : KeyArguments.DIFFERENT) {
                call(label, different.name(), different.call(), service);
            }
        }
        report(label + ".runs", KeyService.runs());
    }

    private static void call(String label, String name, Function<KeyService, String> call, KeyService service) {
        int before = KeyService.runs();
        String returned;
        try {
            returned = call.apply(service);
        } catch (RuntimeException e) {
            returned = "threw " + e;
        }
        report(label + "." + name, returned);
        report(label + "." + name + ".ran", KeyService.runs() != before);
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
