package io.rediscache.agent.codec.gadget;

/** An enum outside the allow-list whose static initializer would leave a mark if a stored value made the codec initialise it. */
public enum GadgetEnum {
    ONE;

    static {
        System.setProperty("gadget.enum.initialised", "true");
    }
}
