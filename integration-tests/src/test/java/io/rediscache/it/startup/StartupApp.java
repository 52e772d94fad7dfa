package io.rediscache.it.startup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The application of the start-up measurement: loads and initialises every class named in the
 * list file (its first argument) through the application class loader, then ends. Prints the
 * number loaded, so a run that loaded nothing cannot pass for a fast one. A second argument
 * keeps it alive that many milliseconds more (for the agent's report of its instrumentation times).
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
            Thread.sleep(Long.parseLong(arguments[1]));
        }
    }
}
