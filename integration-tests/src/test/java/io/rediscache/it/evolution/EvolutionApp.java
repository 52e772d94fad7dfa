package io.rediscache.it.evolution;

import io.rediscache.it.harness.AgentStatistics;

/**
 * Calls every method of {@code evolving.Shop} (compiled by the test in one of two versions, so
 * reached by reflection) and reports what each returned, how many bodies ran and what the
 * agent's JMX statistics counted ({@code io.rediscache:type=CacheStatistics}).
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
        for (String counter : new String[] {"Hits", "Misses", "UnreadableValues", "UncachedCalls"}) {
            System.out.println("RESULT statistics." + counter + "=" + AgentStatistics.counter(counter));
        }
    }
}
