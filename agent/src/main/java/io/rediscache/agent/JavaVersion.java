package io.rediscache.agent;

/**
 * The running Java's feature version. A class of its own because both of the agent's class
 * loaders ask: a call to {@link AgentMain} from the agent's classes loaded a second copy of the
 * premain class (and of the agent class loader it refers to) into the agent's loader.
 */
public final class JavaVersion {

    private JavaVersion() {
    }

    /** 8 for {@code 1.8}, 17 for {@code 17}; 8 when the version cannot be read. */
    public static int feature() {
        String version = System.getProperty("java.specification.version", "1.8");
        try {
            return version.startsWith("1.") ? Integer.parseInt(version.substring(2)) : Integer.parseInt(version);
        } catch (NumberFormatException e) {
            return 8;
        }
    }
}
