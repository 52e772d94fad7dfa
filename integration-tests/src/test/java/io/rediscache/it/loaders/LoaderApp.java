package io.rediscache.it.loaders;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * A miniature servlet container: deploys the web application in {@code args[0]} (a directory
 * holding the {@code io.rediscache.it.loaders.webapp} classes, which are not on this JVM's
 * class path) in child-first class loaders and calls its cached method reflectively, with the
 * thread's context class loader left at the system loader, which cannot see the application.
 *
 * <p>Deployments: {@code webapp-1} and {@code webapp-2}, two child-first loaders over the same
 * classes; and {@code webapp-3}, a child-first loader whose parent ({@code shared-lib}) holds
 * the same classes too, so child-first must win over a parent that could answer. Reports
 * {@code RESULT <deployment>.<fact>=<value>}.
 */
public final class LoaderApp {

    static final String SERVICE = "io.rediscache.it.loaders.webapp.GreetingService";

    private LoaderApp() {
    }

    public static void main(String[] args) throws Exception {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        Thread.currentThread().setContextClassLoader(system);
        report("system.seesWebapp", canLoad(system, SERVICE));
        URL[] webapp = {Path.of(args[0]).toUri().toURL()};

        Deployment one = deploy(new ChildFirstClassLoader("webapp-1", webapp, system));
        one.call("world", "first");
        one.call("world", "second");

        Deployment two = deploy(new ChildFirstClassLoader("webapp-2", webapp, system));
        report("webapp-2.sameClassAsWebapp1", two.service == one.service);
        two.call("world", "storedByWebapp1");
        two.call("moon", "first");
        two.call("moon", "second");
        one.call("moon", "storedByWebapp2");

        URLClassLoader shared = new URLClassLoader("shared-lib", webapp, system);
        Deployment three = deploy(new ChildFirstClassLoader("webapp-3", webapp, shared));
        report("webapp-3.parentSeesWebapp", canLoad(shared, SERVICE));
        three.call("world", "storedByWebapp1");
        Deployment parent = deploy(shared);
        parent.call("world", "storedByWebapp1");
    }

    /** Loads the service in {@code loader} and reports which loader defined it and its result type. */
    private static Deployment deploy(ClassLoader loader) throws Exception {
        Class<?> service = loader.loadClass(SERVICE);
        String name = loader.getName();
        report(name + ".loaderClass", service.getClassLoader().getClass().getName());
        report(name + ".definedByThisLoader", service.getClassLoader() == loader);
        Method greet = service.getMethod("greet", String.class);
        report(name + ".resultTypeDefinedByThisLoader", greet.getReturnType().getClassLoader() == loader);
        return new Deployment(loader, service, service.getConstructor().newInstance(), greet, service.getMethod("runs"));
    }

    private record Deployment(ClassLoader loader, Class<?> service, Object instance, Method greet, Method runs) {

        /** Calls greet(argument) and reports whether the body ran and whose classes the result is made of. */
        void call(String argument, String step) throws Exception {
            String prefix = loader.getName() + "." + argument + "." + step;
            int before = (Integer) runs.invoke(null);
            Object greeting = greet.invoke(instance, argument);
            report(prefix + ".ran", (Integer) runs.invoke(null) != before);
            report(prefix + ".value", greeting);
            report(prefix + ".valueClassLoader", greeting.getClass().getClassLoader().getName());
            report(prefix + ".valueIsResultType", greet.getReturnType().isInstance(greeting));
            Object tone = greeting.getClass().getMethod("tone").invoke(greeting);
            report(prefix + ".nestedEnumClassLoader", tone.getClass().getClassLoader().getName());
        }
    }

    private static boolean canLoad(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
