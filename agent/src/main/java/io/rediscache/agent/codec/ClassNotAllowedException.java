package io.rediscache.agent.codec;

import com.esotericsoftware.kryo.KryoException;

/** Stored bytes named a class the {@link ClassAllowList} refuses; the message names the class (never data). */
final class ClassNotAllowedException extends KryoException {

    private static final long serialVersionUID = 1L;

    ClassNotAllowedException(String className) {
        super("class " + className + " is not allowed in stored values (JDK value types, the packages of cached"
                + " methods, cache.allowed.packages, and classes this JVM stored itself)");
    }
}
