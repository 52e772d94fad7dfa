package io.rediscache.agent.codec;

/** A value could not be encoded (not serializable) or decoded (corrupt, or its classes changed). */
public final class CodecException extends Exception {

    private static final long serialVersionUID = 1L;

    CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
