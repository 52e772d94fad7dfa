package io.rediscache.agent.cache;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Who the current user is, for {@code @RedisCache(perUser = true)}: the application's own
 * static method named by {@code cache.user.provider} ({@code com.acme.Session#currentUser}),
 * called on the calling thread. It is looked up through the class loader of the cached method's
 * class (so a web application's provider is found in its own loader), once per loader, and held
 * weakly so a redeployed application's loader is never kept alive.
 */
final class UserProvider {

    private final String className;
    private final String methodName;
    private final Map<ClassLoader, WeakReference<Method>> methods =
            Collections.synchronizedMap(new WeakHashMap<ClassLoader, WeakReference<Method>>());

    /** @param provider {@code com.acme.Session#currentUser}, or {@code null} when not configured */
    UserProvider(String provider) {
        int hash = provider == null ? -1 : provider.indexOf('#');
        this.className = hash < 0 ? null : provider.substring(0, hash);
        this.methodName = hash < 0 ? null : provider.substring(hash + 1);
    }

    /**
     * @return the current user's id ({@code String.valueOf} of what the provider returned), or
     *         {@code null} when the provider returned {@code null}
     * @throws IllegalStateException saying why there is no provider to ask
     */
    String currentUser(Class<?> declaringType) {
        if (className == null) {
            throw new IllegalStateException("cache.user.provider is not set; set it to a static method that returns"
                    + " the current user's id, as com.acme.Session#currentUser");
        }
        Method method = resolve(declaringType.getClassLoader());
        try {
            Object user = method.invoke(null);
            return user == null ? null : String.valueOf(user);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cache.user.provider=" + className + "#" + methodName + " failed: " + cause, e);
        }
    }

    private Method resolve(ClassLoader loader) {
        WeakReference<Method> known = methods.get(loader);
        Method method = known == null ? null : known.get();
        if (method != null) {
            return method;
        }
        try {
            method = Class.forName(className, true, loader).getDeclaredMethod(methodName);
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            throw new IllegalStateException("cache.user.provider=" + className + "#" + methodName
                    + " cannot be found from the class loader of the cached method: " + e, e);
        }
        if (!Modifier.isStatic(method.getModifiers())) {
            throw new IllegalStateException("cache.user.provider=" + className + "#" + methodName + " is not static");
        }
        method.setAccessible(true);
        methods.put(loader, new WeakReference<Method>(method));
        return method;
    }
}
