package io.rediscache.it.evolution;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

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
        ObjectName statistics = new ObjectName("io.rediscache:type=CacheStatistics");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.isRegistered(statistics) && System.nanoTime() < deadline) {
            Thread.sleep(10); // published in the background after the first cached call
        }
        for (String counter : new String[] {"Hits", "Misses", "UnreadableValues", "UncachedCalls"}) {
            System.out.println("RESULT statistics." + counter + "=" + server.getAttribute(statistics, counter));
        }
    }
}
