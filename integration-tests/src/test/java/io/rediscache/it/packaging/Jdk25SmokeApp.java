package io.rediscache.it.packaging;

import io.rediscache.it.app.CachingApp;

/** Reports the Java version the forked JVM really runs, then runs {@link CachingApp}'s "basic" scenario. */
public final class Jdk25SmokeApp {

    private Jdk25SmokeApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("RESULT java.specification.version=" + System.getProperty("java.specification.version"));
        CachingApp.main(new String[] {"basic"});
    }
}
