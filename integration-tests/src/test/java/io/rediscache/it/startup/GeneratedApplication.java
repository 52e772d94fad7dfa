package io.rediscache.it.startup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.SimpleRemapper;

/**
 * Writes an application of many small classes for the start-up measurement: {@code count}
 * classes in packages of 100 ({@code gen.p0.C0} …), each with fields, a constructor, a static
 * initialiser and a handful of methods; {@code annotated} of them, spread evenly, also declare a
 * {@code @RedisCache} method, and {@code locked} of those a {@code @Locked} method too. Three
 * templates are compiled with javac, then copied under each name by renaming the class with ASM
 * (the copy of ASM inside the application's own Byte Buddy, on the test class path): compiling
 * 5,000 sources would take half a minute, renaming takes well under a second and gives the same
 * class files. The list of class names is written to {@code classes.txt}, in load order.
 */
final class GeneratedApplication {

    private static final String PLAIN = "gen/Plain";
    private static final String CACHED = "gen/Cached";
    private static final String LOCKED = "gen/CachedAndLocked";

    private final Path classes;
    private final Path classList;

    private GeneratedApplication(Path classes) {
        this.classes = classes;
        this.classList = classes.resolve("classes.txt");
    }

    /** The folder of the compiled classes (a class path entry). */
    Path classes() {
        return classes;
    }

    /** The file naming every generated class, one a line. */
    Path classList() {
        return classList;
    }

    static GeneratedApplication write(Path work, int count, int annotated, int locked) throws IOException {
        Path templates = compileTemplates(Files.createDirectories(work.resolve("templates")));
        Path classes = Files.createDirectories(work.resolve("classes"));
        GeneratedApplication application = new GeneratedApplication(classes);
        int annotatedEvery = count / annotated;
        int lockedEvery = annotated / Math.max(1, locked);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String internalName = "gen/p" + (i / 100) + "/C" + i;
            int annotatedIndex = i / annotatedEvery;
            boolean isAnnotated = i % annotatedEvery == 0 && annotatedIndex < annotated;
            boolean isLocked = isAnnotated && annotatedIndex % lockedEvery == 0 && annotatedIndex / lockedEvery < locked;
            String template = isLocked ? LOCKED : isAnnotated ? CACHED : PLAIN;
            byte[] renamed = rename(Files.readAllBytes(templates.resolve(template + ".class")), template, internalName);
            Path file = classes.resolve(internalName + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, renamed);
            names.add(internalName.replace('/', '.'));
        }
        Files.write(application.classList, names, StandardCharsets.UTF_8);
        return application;
    }

    private static byte[] rename(byte[] template, String from, String to) {
        ClassReader reader = new ClassReader(template);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(new ClassRemapper(writer, new SimpleRemapper(from, to)), 0);
        return writer.toByteArray();
    }

    private static Path compileTemplates(Path work) throws IOException {
        Path sources = Files.createDirectories(work.resolve("src/gen"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> files = new ArrayList<>();
        for (String template : List.of(PLAIN, CACHED, LOCKED)) {
            String simpleName = template.substring(template.indexOf('/') + 1);
            Path file = sources.resolve(simpleName + ".java");
            Files.writeString(file, source(simpleName, !template.equals(PLAIN), template.equals(LOCKED)), StandardCharsets.UTF_8);
            files.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), "-proc:none", "--release", "17"));
        arguments.addAll(files);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        if (compiler.run(null, null, errors, arguments.toArray(new String[0])) != 0) {
            throw new IllegalStateException("compiling the templates failed: " + errors.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }

    private static String source(String simpleName, boolean cached, boolean locked) {
        StringBuilder source = new StringBuilder()
                .append("package gen;\n\n")
                .append("import java.util.ArrayList;\nimport java.util.List;\nimport java.util.Map;\n\n")
                .append("public class ").append(simpleName).append(" implements Comparable<").append(simpleName).append("> {\n")
                .append("    static final long SEED = System.identityHashCode(").append(simpleName).append(".class) * 31L;\n")
                .append("    private final String name;\n    private final List<Integer> values = new ArrayList<>();\n\n")
                .append("    public ").append(simpleName).append("(String name) { this.name = name; }\n\n")
                .append("    public long compute(long x) { return x * SEED + name.length(); }\n\n")
                .append("    public String describe(Map<String, Integer> tags) {\n")
                .append("        StringBuilder text = new StringBuilder(name);\n")
                .append("        for (Map.Entry<String, Integer> tag : tags.entrySet()) {\n")
                .append("            text.append(' ').append(tag.getKey()).append('=').append(tag.getValue());\n")
                .append("        }\n        return text.toString();\n    }\n\n")
                .append("    public void add(int value) { if (value > 0) { values.add(value); } }\n\n")
                .append("    public int total() { int sum = 0; for (int v : values) { sum += v; } return sum; }\n\n")
                .append("    @Override public int compareTo(").append(simpleName)
                .append(" other) { return name.compareTo(other.name); }\n\n")
                .append("    @Override public String toString() { return getClass().getSimpleName() + '(' + name + ')'; }\n");
        if (cached) {
            source.append("\n    @io.rediscache.RedisCache(ttl = 60)\n")
                    .append("    public String lookup(String id, int version) { return id + ':' + version + ':' + SEED; }\n");
        }
        if (locked) {
            source.append("\n    @io.rediscache.Locked(\"sync_{0}\")\n")
                    .append("    public void sync(String id) { add(id.length()); }\n");
        }
        return source.append("}\n").toString();
    }
}
