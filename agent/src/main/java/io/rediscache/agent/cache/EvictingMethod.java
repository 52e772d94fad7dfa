package io.rediscache.agent.cache;

/**
 * What the engine needs to know about one method after which caches are evicted
 * ({@code @EvictCache} or an {@code evict.method.*} entry), resolved when its class is transformed.
 */
public final class EvictingMethod {

    private final String signature;
    private final String[] cacheNames;
    private final int[] keyArguments;

    /**
     * @param keyArguments positions of the arguments that form the evicted entry's key, or
     *                     {@code null} to evict the whole caches
     */
    public EvictingMethod(String signature, String[] cacheNames, int[] keyArguments) {
        this.signature = signature;
        this.cacheNames = cacheNames.clone();
        this.keyArguments = keyArguments == null ? null : keyArguments.clone();
    }

    public String signature() {
        return signature;
    }

    String[] cacheNames() {
        return cacheNames;
    }

    /** The arguments of a call that form the evicted entry's key, or {@code null} for whole caches. */
    Object[] keyArguments(Object[] arguments) {
        if (keyArguments == null) {
            return null;
        }
        Object[] key = new Object[keyArguments.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = arguments[keyArguments[i]];
        }
        return key;
    }

    /** For the log: {@code caches prices, stock} or {@code entry of prices by arguments 0}. */
    public String describe() {
        String names = String.join(", ", cacheNames);
        if (keyArguments == null) {
            return "evicts all of " + names;
        }
        StringBuilder positions = new StringBuilder();
        for (int position : keyArguments) {
            positions.append(positions.length() == 0 ? "" : ",").append(position);
        }
        return "evicts entries of " + names + " by arguments " + positions;
    }
}
