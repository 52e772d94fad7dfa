package io.rediscache.agent.codec;

/**
 * A value {@link ValueCopier} cannot copy: its caller decodes the stored bytes instead, as it
 * would without the copier. Carries no stack trace: it is an answer, not a failure.
 */
public final class NotCopyableException extends Exception {

    private static final long serialVersionUID = 1L;

    NotCopyableException(String reason) {
        super(reason, null, false, false);
    }
}
