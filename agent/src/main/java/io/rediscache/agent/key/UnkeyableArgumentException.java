package io.rediscache.agent.key;

/**
 * An argument has no canonical form (a stream, a lambda, a connection, a cycle, …), so no key
 * can be built and the call runs uncached. The message says why, naming the offending type;
 * it never contains the argument's value.
 */
public final class UnkeyableArgumentException extends Exception {

    private static final long serialVersionUID = 1L;

    UnkeyableArgumentException(String reason) {
        super(reason, null, false, false);
    }
}
