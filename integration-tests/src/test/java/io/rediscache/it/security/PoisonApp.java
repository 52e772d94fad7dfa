package io.rediscache.it.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The application the poisoned-values test forks: stores {@code n} entries, announces
 * {@code STORED}, waits until the test has overwritten them with crafted bytes, reads them all
 * again and reports what came back.
 */
public final class PoisonApp {

    private PoisonApp() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        PoisonService service = new PoisonService();
        for (int id = 0; id < n; id++) {
            service.lookup(id);
        }
        System.out.println("STORED");
        Path go = Paths.get(args[1]);
        while (!Files.exists(go)) {
            Thread.sleep(5);
        }
        int wrong = 0;
        int thrown = 0;
        for (int id = 0; id < n; id++) {
            try {
                if (!service.lookup(id).equals("fresh-" + id)) {
                    wrong++;
                }
            } catch (Throwable e) {
                if (thrown++ < 3) {
                    e.printStackTrace();
                }
            }
        }
        report("wrong", wrong);
        report("thrown", thrown);
        report("runs", PoisonService.RUNS.get());
        report("canary", System.getProperty("canary.initialised", "never"));
        for (int id = 0; id < n; id++) {
            service.lookup(id);
        }
        report("runsAfterRewrite", PoisonService.RUNS.get());
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
