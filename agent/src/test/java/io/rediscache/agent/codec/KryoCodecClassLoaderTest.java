package io.rediscache.agent.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classes are resolved through the loader the caller passes (the loader of the cached method's
 * declaring class), as in an application server where the application's classes are invisible
 * to the system class loader; and one loader's resolved classes never leak into another's.
 */
class KryoCodecClassLoaderTest {

    private static final String WIDGET = "probe.hidden.Widget";
    private static final String WIDGET_SOURCE = "package probe.hidden;\n"
            + "public class Widget {\n"
            + "    public String label;\n"
            + "    public java.util.List<Integer> sizes;\n"
            + "}\n";

    @TempDir
    static Path classes;

    private final KryoCodec codec = new KryoCodec(ClassAllowList.jdkOnly());

    @BeforeAll
    static void compileAClassTheSystemLoaderCannotSee() throws IOException {
        Path source = classes.resolve("src/probe/hidden/Widget.java");
        Files.createDirectories(source.getParent());
        Files.write(source, WIDGET_SOURCE.getBytes(StandardCharsets.UTF_8));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "tests run on a JDK");

        int status = compiler.run(null, null, null, "-d", classes.resolve("bin").toString(), source.toString());

        assertEquals(0, status, "compiling " + WIDGET);
        assertThrows(ClassNotFoundException.class, () -> Class.forName(WIDGET, false, KryoCodecClassLoaderTest.class.getClassLoader()));
    }

    @Test
    void valueOfAChildLoaderClassRoundTripsThroughThatLoader() throws Exception {
        try (URLClassLoader application = applicationLoader()) {
            Object widget = widget(application, "left", List.of(1, 2));

            Object decoded = codec.decode(codec.encode(widget, application), application);

            assertSame(widget.getClass(), decoded.getClass());
            assertNotSame(widget, decoded);
            assertEquals("left", field(decoded, "label"));
            assertEquals(List.of(1, 2), field(decoded, "sizes"));
        }
    }

    @Test
    void decodingWithALoaderThatCannotSeeTheClassFailsWithCodecException() throws Exception {
        try (URLClassLoader application = applicationLoader()) {
            byte[] bytes = codec.encode(widget(application, "left", List.of()), application);

            assertThrows(CodecException.class, () -> codec.decode(bytes, KryoCodecClassLoaderTest.class.getClassLoader()));
        }
    }

    @Test
    void eachLoaderResolvesItsOwnCopyOfAClass() throws Exception {
        try (URLClassLoader first = applicationLoader(); URLClassLoader redeployed = applicationLoader()) {
            byte[] bytes = codec.encode(widget(first, "kept", List.of(3)), first);
            codec.decode(bytes, first); // the first loader's Kryo has now resolved the class

            Object decoded = codec.decode(bytes, redeployed);

            assertSame(redeployed.loadClass(WIDGET), decoded.getClass());
            assertEquals("kept", field(decoded, "label"));
        }
    }

    @Test
    void nullLoaderMeansTheSystemLoader() throws Exception {
        byte[] bytes = codec.encode(List.of("a"), null);

        assertEquals(List.of("a"), codec.decode(bytes, null));
    }

    private static URLClassLoader applicationLoader() throws IOException {
        return new URLClassLoader(new URL[] {classes.resolve("bin").toUri().toURL()}, KryoCodecClassLoaderTest.class.getClassLoader());
    }

    private static Object widget(ClassLoader loader, String label, List<Integer> sizes) throws ReflectiveOperationException {
        Class<?> type = loader.loadClass(WIDGET);
        Object widget = type.getConstructor().newInstance();
        type.getField("label").set(widget, label);
        type.getField("sizes").set(widget, sizes);
        return widget;
    }

    private static Object field(Object widget, String name) throws ReflectiveOperationException {
        return widget.getClass().getField(name).get(widget);
    }
}
