package org.example.canary;

/**
 * An enum outside every allow-list: creating an {@code EnumMap} keyed by it, or reading one of
 * its constants, initialises it, and its static initializer would leave a mark.
 */
public enum CanaryEnum {
    PLANTED;

    static {
        System.setProperty("canary.initialised", "true (CanaryEnum)");
    }
}
