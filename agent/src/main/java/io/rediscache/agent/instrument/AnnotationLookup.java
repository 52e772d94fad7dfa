package io.rediscache.agent.instrument;

import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.method.MethodDescription;

/** Finds an annotation on a method by its class name, without loading the annotation class. */
final class AnnotationLookup {

    private AnnotationLookup() {
    }

    static AnnotationDescription declared(MethodDescription method, String annotationType) {
        for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
            if (annotation.getAnnotationType().getName().equals(annotationType)) {
                return annotation;
            }
        }
        throw new IllegalStateException("matched without @" + annotationType + ": " + method);
    }
}
