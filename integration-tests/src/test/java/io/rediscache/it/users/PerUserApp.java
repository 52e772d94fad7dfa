package io.rediscache.it.users;

/** The application the per-user test forks; reports as {@code RESULT name=value} lines. */
public final class PerUserApp {

    private PerUserApp() {
    }

    public static void main(String[] args) {
        Dashboards dashboards = new Dashboards();
        CurrentUser.set("ann");
        String ann = dashboards.dashboard("home");
        report("ann.hit", ann.equals(dashboards.dashboard("home")));
        CurrentUser.set("bob");
        String bob = dashboards.dashboard("home");
        report("bob.own", bob.startsWith("bob:home@") + "," + bob.equals(dashboards.dashboard("home")));
        CurrentUser.set("ann");
        report("ann.again", ann.equals(dashboards.dashboard("home")));
        report("runs", Dashboards.RUNS.get());
        CurrentUser.set(null);
        dashboards.dashboard("home");
        dashboards.dashboard("home");
        report("noUser.runs", Dashboards.RUNS.get());
        CurrentUser.set("bob");
        dashboards.changePage("home");
        report("afterEviction", bob.equals(dashboards.dashboard("home")) + "," + Dashboards.RUNS.get());
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
