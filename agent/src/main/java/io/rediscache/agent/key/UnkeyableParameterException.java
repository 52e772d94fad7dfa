package io.rediscache.agent.key;

/** Which parameter of a call could not be keyed, and why (never its value). */
public final class UnkeyableParameterException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int parameter;

    UnkeyableParameterException(int parameter, String reason) {
        super(reason, null, false, false);
        this.parameter = parameter;
    }

    /** @return the zero-based index of the parameter */
    public int parameter() {
        return parameter;
    }
}
