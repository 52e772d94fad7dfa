package io.rediscache.it.faults;

/** Calls the bulky method for 100 ids, twice each, and reports wrong results and exceptions. */
public final class FullServerApp {

    private FullServerApp() {
    }

    public static void main(String[] args) throws Exception {
        Thread.sleep(500); // the start-up check of the server's memory policy is logged by now
        BulkyService service = new BulkyService();
        int wrong = 0;
        int thrown = 0;
        for (int round = 0; round < 2; round++) {
            for (int id = 0; id < 100; id++) {
                try {
                    if (!service.page(id).startsWith("page " + id + " ")) {
                        wrong++;
                    }
                } catch (RuntimeException e) {
                    thrown++;
                }
            }
        }
        System.out.println("RESULT wrong=" + wrong);
        System.out.println("RESULT thrown=" + thrown);
        System.out.println("RESULT runs=" + BulkyService.RUNS.get());
    }
}
