package io.rediscache.it.evolution;

/**
 * Calls every method of {@code evolving.Shop} (compiled by the test in one of two versions, so
 * reached by reflection) and reports what each returned and how many bodies ran.
 */
public final class EvolutionApp {

    private EvolutionApp() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> shop = Class.forName("evolving.Shop");
        Object instance = shop.getConstructor().newInstance();
        for (String method : new String[] {"renamed", "added", "removed", "retyped", "tier"}) {
            Object value;
            try {
                value = shop.getMethod(method, String.class).invoke(instance, "id-1");
            } catch (ReflectiveOperationException e) {
                value = "threw " + e.getCause();
            }
            System.out.println("RESULT " + method + "=" + value);
        }
        System.out.println("RESULT runs=" + shop.getField("runs").getInt(null));
    }
}
