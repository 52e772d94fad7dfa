package io.rediscache.it.startup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application of the start-up measurement: loads and initialises every class named in the
 * list file (its first argument) through the application class loader, then ends. Prints the
 * number loaded, so a run that loaded nothing cannot pass for a fast one. With a second argument,
 * a file, it then stays alive until the test creates that file (at most 60 s): the test waits for
 * the agent's report of instrumentation times, due {@code agent.unmatched.report.after} after start.
 */
public final class StartupApp {

    private StartupApp() {
    }

    public static void main(String[] arguments) throws Exception {
        List<String> names = Files.readAllLines(Path.of(arguments[0]), StandardCharsets.UTF_8);
        ClassLoader loader = StartupApp.class.getClassLoader();
        int loaded = 0;
        for (String name : names) {
            Class.forName(name, true, loader);
            loaded++;
        }
        System.out.println("RESULT loaded=" + loaded);
        if (arguments.length > 1) {
            Path done = Path.of(arguments[1]);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(done) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }
}
