package io.rediscache.agent.instrument;

/**
 * Never loaded, only described: {@link ByteBuddyParts#warmUp} has Byte Buddy write this class
 * with each kind of advice once, in the background, so that the first application class to be
 * instrumented does not pay for loading and first running Byte Buddy's class writer.
 */
final class WarmUpTarget {

    private int version;

    String lookup(String id, int offset) {
        return id + (version + offset);
    }

    void update(String id) {
        version += id.length();
    }

    long total(long[] values) {
        long sum = 0;
        for (long value : values) {
            sum += value;
        }
        return sum;
    }
}
