package io.rediscache.it.startup;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The application of the start-up measurement: loads and initialises every class named in the
 * list file (its first argument) through the application class loader, then ends. Prints the
 * number loaded, so a run that loaded nothing cannot pass for a fast one. With a second argument
 * it then waits until the JVM has run that many milliseconds and loads one more class, which
 * has the agent log its report of instrumentation times (due at the first class loaded after
 * {@code agent.unmatched.report.after}).
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
            long until = Long.parseLong(arguments[1]);
            while (ManagementFactory.getRuntimeMXBean().getUptime() < until) {
                Thread.sleep(50);
            }
            Class.forName(Trigger.class.getName(), true, loader);
        }
    }

    /** Loaded last, to have the agent's report written. */
    static final class Trigger {
    }
}
