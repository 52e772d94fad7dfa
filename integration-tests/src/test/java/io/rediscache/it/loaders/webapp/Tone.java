package io.rediscache.it.loaders.webapp;

/** An enum of the web application, nested in its results: resolved through the same loader. */
public enum Tone { FORMAL, CASUAL }
