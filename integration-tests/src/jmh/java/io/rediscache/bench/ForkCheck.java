package io.rediscache.bench;

import java.lang.management.ManagementFactory;

/** Guards that each benchmark runs in the kind of fork it claims to measure. */
final class ForkCheck {

    private ForkCheck() {
    }

    static boolean agentAttached() {
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-javaagent:") && argument.contains("redis-cache-agent")) {
                return true;
            }
        }
        return false;
    }

    static void requireAgent() {
        if (!agentAttached()) {
            throw new IllegalStateException("this benchmark measures the agent, but no -javaagent is attached:"
                    + " run it through BenchmarkMain (integration-tests/bench.sh)");
        }
    }

    static void requireNoAgent() {
        if (agentAttached()) {
            throw new IllegalStateException("this benchmark must run without the agent, but it is attached");
        }
    }
}
