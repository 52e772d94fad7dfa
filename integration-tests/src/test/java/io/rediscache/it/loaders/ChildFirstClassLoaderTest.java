package io.rediscache.it.loaders;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cached methods of a class defined by a child-first class loader, as in a servlet container,
 * work: the agent instruments each deployed copy, and a hit is decoded into the classes of the
 * calling copy's own loader (Kryo resolves through the declaring class's loader, not the
 * system or context loader, neither of which can see the classes).
 *
 * <p>The web application's classes ({@code io.rediscache.it.loaders.webapp}) are copied out of
 * {@code target/test-classes} into a directory of their own, and the forked JVM gets a copy of
 * the test classes without them, so only the loaders {@link LoaderApp} builds can define them.
 */
@ExtendWith(RedisHarness.class)
class ChildFirstClassLoaderTest {

    private static final String WEBAPP_PACKAGE = "io/rediscache/it/loaders/webapp";

    private static ForkedJvm.Result run;
    private static Path work;

    @BeforeAll
    static void deployTheWebappInChildFirstLoaders(RedisTarget redis) throws Exception {
        work = Files.createTempDirectory("child-first");
        Path testClasses = Path.of(LoaderApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path webapp = work.resolve("webapp");
        Path classPathCopy = work.resolve("test-classes-without-webapp");
        copy(testClasses, webapp, path -> path.startsWith(testClasses.resolve(WEBAPP_PACKAGE)));
        copy(testClasses, classPathCopy, path -> !path.startsWith(testClasses.resolve(WEBAPP_PACKAGE)));
        assertTrue(Files.isRegularFile(webapp.resolve(WEBAPP_PACKAGE).resolve("GreetingService.class")));

        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().equals(testClasses) ? classPathCopy.toString() : entry)
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(classPath.contains(classPathCopy.toString()), "test classes not found on " + classPath);

        run = ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", RedisTarget.uniqueNamespace("loaders"))
                .classPath(classPath)
                .run(LoaderApp.class, webapp.toString())
                .assertSucceeded();
    }

    @AfterAll
    static void deleteCopies() throws IOException {
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void eachDeploymentDefinesItsOwnCopyWhichTheSystemLoaderCannotSee() {
        assertEquals("false", run.get("system.seesWebapp"), "the web application must not be on the JVM's class path");
        for (String deployment : List.of("webapp-1", "webapp-2", "webapp-3")) {
            assertAll(deployment,
                    () -> assertEquals(ChildFirstClassLoader.class.getName(), run.get(deployment + ".loaderClass")),
                    () -> assertEquals("true", run.get(deployment + ".definedByThisLoader")),
                    () -> assertEquals("true", run.get(deployment + ".resultTypeDefinedByThisLoader")));
        }
        assertEquals("false", run.get("webapp-2.sameClassAsWebapp1"));
    }

    @Test
    void theSecondCallIsAHitDecodedIntoTheChildLoadersClasses() {
        assertAll(
                () -> assertEquals("true", run.get("webapp-1.world.first.ran"), "first call: a miss"),
                () -> assertEquals("false", run.get("webapp-1.world.second.ran"), "second call: a hit"),
                () -> assertEquals(run.get("webapp-1.world.first.value"), run.get("webapp-1.world.second.value")),
                () -> assertEquals("Hello, world (CASUAL, [webapp-1])", run.get("webapp-1.world.second.value")),
                () -> assertEquals("webapp-1", run.get("webapp-1.world.second.valueClassLoader")),
                () -> assertEquals("true", run.get("webapp-1.world.second.valueIsResultType")),
                () -> assertEquals("webapp-1", run.get("webapp-1.world.second.nestedEnumClassLoader")));
    }

    @Test
    void twoDeploymentsShareEntriesButEachGetsValuesOfItsOwnClasses() {
        assertAll(
                () -> assertEquals("false", run.get("webapp-2.world.storedByWebapp1.ran"), "webapp-1's entry serves webapp-2"),
                () -> assertEquals("Hello, world (CASUAL, [webapp-1])", run.get("webapp-2.world.storedByWebapp1.value")),
                () -> assertEquals("webapp-2", run.get("webapp-2.world.storedByWebapp1.valueClassLoader")),
                () -> assertEquals("true", run.get("webapp-2.world.storedByWebapp1.valueIsResultType")),
                () -> assertEquals("webapp-2", run.get("webapp-2.world.storedByWebapp1.nestedEnumClassLoader")),
                () -> assertEquals("true", run.get("webapp-2.moon.first.ran")),
                () -> assertEquals("false", run.get("webapp-2.moon.second.ran")),
                () -> assertEquals("webapp-2", run.get("webapp-2.moon.second.valueClassLoader")),
                () -> assertEquals("false", run.get("webapp-1.moon.storedByWebapp2.ran"), "and back: webapp-2's entry serves webapp-1"),
                () -> assertEquals("Hello, moon (CASUAL, [webapp-2])", run.get("webapp-1.moon.storedByWebapp2.value")),
                () -> assertEquals("webapp-1", run.get("webapp-1.moon.storedByWebapp2.valueClassLoader")),
                () -> assertEquals("webapp-1", run.get("webapp-1.moon.storedByWebapp2.nestedEnumClassLoader")));
    }

    @Test
    void childFirstWinsOverAParentThatHoldsTheSameClasses() {
        assertAll(
                () -> assertEquals("true", run.get("webapp-3.parentSeesWebapp")),
                () -> assertEquals("false", run.get("webapp-3.world.storedByWebapp1.ran")),
                () -> assertEquals("webapp-3", run.get("webapp-3.world.storedByWebapp1.valueClassLoader")),
                () -> assertEquals("true", run.get("webapp-3.world.storedByWebapp1.valueIsResultType")),
                () -> assertEquals("java.net.URLClassLoader", run.get("shared-lib.loaderClass")),
                () -> assertEquals("false", run.get("shared-lib.world.storedByWebapp1.ran")),
                () -> assertEquals("shared-lib", run.get("shared-lib.world.storedByWebapp1.valueClassLoader")));
    }

    @Test
    void everyDeployedCopyIsInstrumentedAndNothingIsWarned() {
        long instrumented = run.stderr().lines()
                .filter(line -> line.contains("Instrumented io.rediscache.it.loaders.webapp.GreetingService: cached greet (cache 'greetings')"))
                .count();
        assertEquals(4, instrumented, "one per loader that defined the class: webapp-1, webapp-2, webapp-3, shared-lib\n"
                + run.stderr());
        List<String> warnings = run.stderr().lines().filter(line -> line.contains("[WARN]") || line.contains("[ERROR]"))
                .collect(Collectors.toList());
        assertEquals(List.of(), warnings);
    }

    private static void copy(Path from, Path to, Predicate<Path> include) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.filter(Files::isRegularFile).filter(include).forEach(path -> {
                Path target = to.resolve(from.relativize(path).toString());
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
