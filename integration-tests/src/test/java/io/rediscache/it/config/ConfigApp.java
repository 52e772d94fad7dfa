package io.rediscache.it.config;

import io.rediscache.it.app.CatalogService;

/**
 * The application the configuration tests fork when {@link io.rediscache.it.app.CachingApp} has
 * no fitting scenario. {@code secrets}: five calls of {@link CatalogService#secret} on two ids;
 * reports how many returned the right value and how often the body ran, never the values.
 */
public final class ConfigApp {

    private ConfigApp() {
    }

    public static void main(String[] args) {
        if (!"secrets".equals(args[0])) {
            throw new IllegalArgumentException(args[0]);
        }
        CatalogService service = new CatalogService();
        String[] ids = {"a", "a", "a", "b", "b"};
        int correct = 0;
        for (String id : ids) {
            if (("SECRET-VALUE-" + id).equals(service.secret(id))) {
                correct++;
            }
        }
        report("secret.calls", ids.length);
        report("secret.correct", correct);
        report("secret.runs", CatalogService.runs("secret"));
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
