package io.rediscache.it.values;

/** Calls each unstorable method three times and reports what the callers got. */
public final class UnstorableApp {

    private UnstorableApp() {
    }

    public static void main(String[] args) throws Exception {
        UnstorableResults results = new UnstorableResults();
        StringBuilder large = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            byte[] bytes = results.large(7);
            large.append(bytes.length).append(':').append(bytes[0]).append(':').append(bytes[bytes.length - 1]).append(' ');
        }
        report("large", large.toString().trim());
        StringBuilder socket = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            UnstorableResults.Holder holder = results.socket(1);
            socket.append(holder.socket.isBound()).append(' ');
            holder.socket.close();
        }
        report("socket", socket.toString().trim());
        report("runs", UnstorableResults.RUNS.get());
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
