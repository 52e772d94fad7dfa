package io.rediscache.agent.codec;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * Kryo's class resolver with the {@link ClassAllowList} in front: a class name read from stored
 * bytes is checked before Kryo loads it (so a refused class is never loaded, let alone
 * initialised or instantiated), and every class this JVM writes by name is recorded as allowed.
 */
final class AllowListClassResolver extends DefaultClassResolver {

    private final ClassAllowList allowList;

    AllowListClassResolver(ClassAllowList allowList) {
        this.allowList = allowList;
    }

    @Override
    protected Class getTypeByName(String className) {
        if (!allowList.allows(className)) {
            throw new ClassNotAllowedException(className);
        }
        return super.getTypeByName(className);
    }

    @Override
    protected void writeName(Output output, Class type, Registration registration) {
        allowList.wrote(type.getName());
        super.writeName(output, type, registration);
    }
}
