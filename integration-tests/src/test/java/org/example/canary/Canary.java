package org.example.canary;

/**
 * A class outside every allow-list, standing in for a deserialization gadget: if a stored
 * value ever made the agent initialise it, its static initializer would leave a mark in the
 * system properties.
 */
public class Canary {

    static {
        System.setProperty("canary.initialised", "true");
    }

    public String note = "planted";
}
