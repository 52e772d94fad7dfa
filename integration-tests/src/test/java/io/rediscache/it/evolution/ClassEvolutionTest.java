package io.rediscache.it.evolution;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisHarness;
import io.rediscache.it.harness.RedisTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Values written by version 1 of a class and read by version 2, in forked JVMs with the agent:
 * a field renamed (in name order the two int fields swap places: read blindly, the values would
 * swap), a field added, a field removed, a field's type changed, enum constants reordered.
 * Version 2 gets no exception and no wrong value: every changed class is a miss (its method
 * runs, the entry is rewritten, and a third JVM hits it) counted as an unreadable value in the
 * agent's JMX statistics; the reordered enum is read by name.
 * Both versions are compiled by the test from {@code src/test/resources/evolution}.
 */
@ExtendWith(RedisHarness.class)
class ClassEvolutionTest {

    @TempDir
    Path work;

    @Test
    void valuesOfAnOlderClassVersionAreMissesNeverWrongValues(RedisTarget redis) throws Exception {
        Path v1 = compile("v1");
        Path v2 = compile("v2");
        String namespace = RedisTarget.uniqueNamespace("evolve");

        ForkedJvm.Result first = jvm(redis, namespace, v1).run(EvolutionApp.class).assertSucceeded();
        ForkedJvm.Result second = jvm(redis, namespace, v2).run(EvolutionApp.class).assertSucceeded();
        ForkedJvm.Result third = jvm(redis, namespace, v2).run(EvolutionApp.class).assertSucceeded();

        assertEquals("price=10,quantity=20", first.get("renamed"), first.describe());
        assertEquals("5", first.get("runs"));
        assertEquals("price=10,amount=20", second.get("renamed"), "not swapped: " + second.describe());
        assertEquals("a=1,b=2", second.get("added"));
        assertEquals("a=1", second.get("removed"));
        assertEquals("n=5", second.get("retyped"));
        assertEquals("SILVER", second.get("tier"), "an enum is stored by its constant's name");
        assertEquals("4", second.get("runs"), "the four changed classes were misses; the enum a hit");
        assertEquals("4", second.get("statistics.UnreadableValues"), "each unreadable entry counted: " + second.describe());
        assertEquals("4", second.get("statistics.Misses"), second.describe());
        assertEquals("1", second.get("statistics.Hits"), second.describe());
        assertEquals("0", second.get("statistics.UncachedCalls"), second.describe());
        assertEquals("0", third.get("runs"), "the rewritten entries hit: " + third.describe());
        assertEquals("0", third.get("statistics.UnreadableValues"), third.describe());
        assertEquals("5", third.get("statistics.Hits"), third.describe());
        assertEquals("price=10,amount=20", third.get("renamed"));
    }

    private static ForkedJvm jvm(RedisTarget redis, String namespace, Path classes) {
        return ForkedJvm.withAgent()
                .set("redis.url", redis.url())
                .set("cache.namespace", namespace)
                .classPath(classes + File.pathSeparator + System.getProperty("java.class.path"));
    }

    private Path compile(String version) throws IOException {
        Path sources = Path.of("src/test/resources/evolution", version);
        Path classes = Files.createDirectories(work.resolve(version));
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(path -> path.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), "-proc:none"));
        arguments.addAll(files);
        int status = compiler.run(null, null, null, arguments.toArray(new String[0]));
        assertEquals(0, status, "compiling " + sources);
        return classes;
    }
}
