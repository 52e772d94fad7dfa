package io.rediscache.it.loaders.webapp;

import java.util.List;

/** The web application's result type: no no-arg constructor, holds another class of the application. */
public final class Greeting {

    private final String text;
    private final Tone tone;
    private final List<String> servedBy;

    public Greeting(String text, Tone tone, List<String> servedBy) {
        this.text = text;
        this.tone = tone;
        this.servedBy = servedBy;
    }

    public Tone tone() {
        return tone;
    }

    @Override
    public String toString() {
        return text + " (" + tone + ", " + servedBy + ")";
    }
}
