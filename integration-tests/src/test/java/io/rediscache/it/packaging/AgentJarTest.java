package io.rediscache.it.packaging;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import io.rediscache.RedisCache;
import io.rediscache.it.harness.ForkedJvm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the shipped artifacts are, read straight from the files: the agent jar's manifest, that
 * every class in it is the agent's own or relocated under {@code io/rediscache/agent/shaded/},
 * that its service files name only relocated classes, that everything in it runs on Java 8;
 * and that the annotations an application compiles against are Java 8 classes with no
 * runtime dependencies.
 *
 * <p>The agent jar is appended to the application's system class path by the JVM, so anything
 * left unrelocated in it (a class, a service file, a resource such as Jedis's
 * {@code pom.properties}) would be visible to, and could be picked up by, the application.
 */
class AgentJarTest {

    private static final int JAVA_8_MAJOR = 52;
    private static final String OWN_PREFIX = "io/rediscache/";
    private static final String SHADED_PREFIX = "io/rediscache/agent/shaded/";

    private static Path jarPath;
    private static Map<String, Integer> classVersions;
    private static List<String> entryNames;

    @BeforeAll
    static void readJar() throws IOException {
        jarPath = ForkedJvm.agentJar();
        classVersions = new TreeMap<>();
        entryNames = new ArrayList<>();
        try (JarFile jar = new JarFile(jarPath.toFile(), false)) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                entryNames.add(entry.getName());
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        classVersions.put(entry.getName(), majorVersion(in, entry.getName()));
                    }
                }
            }
        }
        System.out.printf("agent jar %s: %d bytes, %d entries, %d classes, max class-file major version %d%n",
                jarPath, Files.size(jarPath), entryNames.size(), classVersions.size(),
                classVersions.values().stream().mapToInt(Integer::intValue).max().orElse(-1));
    }

    @Test
    void manifestDeclaresPremainAgentClassAndRetransformation() throws IOException {
        try (JarFile jar = new JarFile(jarPath.toFile(), false)) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("io.rediscache.agent.AgentMain", main.getValue("Premain-Class"));
            assertEquals("io.rediscache.agent.AgentMain", main.getValue("Agent-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
            assertTrue(classVersions.containsKey("io/rediscache/agent/AgentMain.class"), "the premain class is in the jar");
            // A multi-release jar would let a JDK pick classes this test does not see as the ones checked below.
            assertFalse("true".equalsIgnoreCase(main.getValue("Multi-Release")), "the agent jar must not be multi-release");
        }
    }

    @Test
    void everyClassIsTheAgentsOwnOrRelocated() {
        List<String> outside = classVersions.keySet().stream().filter(name -> !name.startsWith(OWN_PREFIX)).toList();
        assertTrue(outside.isEmpty(), outside.size() + " classes outside io/rediscache/, e.g. " + first(outside));

        // The agent's own packages are io/rediscache/agent/<concern>/; the public io.rediscache
        // package belongs to the application's annotations jar and must not be shadowed from here.
        List<String> publicPackage = classVersions.keySet().stream()
                .filter(name -> !name.startsWith("io/rediscache/agent/")).toList();
        assertTrue(publicPackage.isEmpty(), "the agent jar carries classes of the application's io.rediscache package: "
                + publicPackage);

        for (String library : List.of("net/bytebuddy/ByteBuddy", "redis/clients/jedis/UnifiedJedis",
                "com/esotericsoftware/kryo/Kryo", "org/slf4j/LoggerFactory", "org/objenesis/Objenesis",
                "org/apache/commons/pool2/ObjectPool")) {
            assertTrue(classVersions.containsKey(SHADED_PREFIX + library + ".class"), library + " is shaded and relocated");
        }
    }

    @Test
    void nothingElseIsVisibleToTheApplicationOutsideTheAgentsPackages() {
        List<String> stray = entryNames.stream()
                .filter(name -> !name.endsWith("/"))
                .filter(name -> !name.startsWith(OWN_PREFIX))
                .filter(name -> !name.equals("META-INF/MANIFEST.MF") && !name.startsWith("META-INF/services/")
                        && !name.matches("META-INF/(LICENSE|NOTICE)(\\.txt)?") && !name.startsWith("META-INF/licenses/"))
                .toList();
        assertTrue(stray.isEmpty(), "resources outside io/rediscache/ that the application would see: " + stray);
        assertTrue(entryNames.stream().noneMatch(name -> name.startsWith("META-INF/versions/")),
                "multi-release entries are not relocated by the shade plugin");
    }

    @Test
    void serviceFilesNameOnlyRelocatedClassesThatExist() throws IOException {
        List<String> services = entryNames.stream()
                .filter(name -> name.startsWith("META-INF/services/") && !name.endsWith("/")).toList();
        assertTrue(services.contains("META-INF/services/io.rediscache.agent.shaded.org.slf4j.spi.SLF4JServiceProvider"),
                "the agent's SLF4J 2 finds its relocated provider: " + services);
        try (JarFile jar = new JarFile(jarPath.toFile(), false)) {
            for (String service : services) {
                String serviceType = service.substring("META-INF/services/".length());
                assertTrue(serviceType.startsWith("io.rediscache.agent."), "service file of an unrelocated type: " + service);
                String text;
                try (InputStream in = jar.getInputStream(jar.getEntry(service))) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                List<String> providers = text.lines().map(line -> line.replaceFirst("#.*", "").trim())
                        .filter(line -> !line.isEmpty()).toList();
                assertFalse(providers.isEmpty(), service + " names no provider");
                for (String provider : providers) {
                    assertTrue(provider.startsWith("io.rediscache.agent."), service + " names unrelocated " + provider);
                    assertTrue(classVersions.containsKey(provider.replace('.', '/') + ".class"),
                            service + " names " + provider + ", which is not in the jar");
                }
            }
        }
    }

    /**
     * The one exception: the near cache's Caffeine 3 (Java 11 class files; its Java 8 line uses
     * {@code sun.misc.Unsafe}, which JDK 24+ reports). It is loaded only by {@code NearEntries},
     * which {@code NearCache} creates only on Java 11+.
     */
    private static final String JAVA_11_ONLY = "io/rediscache/agent/shaded/com/github/benmanes/caffeine/";
    private static final int JAVA_11_MAJOR = 55;

    @Test
    void everyClassRunsOnJava8() {
        int max = classVersions.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        Map<String, Integer> tooNew = new TreeMap<>();
        classVersions.forEach((name, major) -> {
            boolean nearCacheOnly = name.startsWith(JAVA_11_ONLY) && major <= JAVA_11_MAJOR;
            if (major > JAVA_8_MAJOR && !nearCacheOnly) {
                tooNew.put(name, major);
            }
        });
        assertTrue(tooNew.isEmpty(), tooNew.size() + " classes newer than Java 8 (major 52), max " + max + ": " + first(tooNew.entrySet()));
        assertTrue(classVersions.size() > 1000, "a shaded jar with Byte Buddy, Jedis and Kryo has thousands of classes, found "
                + classVersions.size());
    }

    @Test
    void annotationsAreJava8Classes() throws IOException, URISyntaxException {
        URL resource = RedisCache.class.getClassLoader().getResource("io/rediscache/RedisCache.class");
        assertNotNull(resource, "io/rediscache/RedisCache.class on the test class path");
        Path location = Paths.get(RedisCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, Integer> versions = new TreeMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        versions.put(location.relativize(file).toString(), majorVersion(in, file.toString()));
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile(), false)) {
                for (JarEntry entry : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        versions.put(entry.getName(), majorVersion(in, entry.getName()));
                    }
                }
            }
        }
        assertTrue(versions.containsKey("io/rediscache/RedisCache.class"), "annotations read from " + location + ": " + versions);
        versions.forEach((name, major) -> assertEquals(JAVA_8_MAJOR, major, name + " in " + location));
    }

    @Test
    void annotationsModuleDeclaresNoRuntimeDependencies() throws Exception {
        Path basedir = Paths.get(System.getProperty("basedir", ".")).toAbsolutePath();
        Document annotations = parse(basedir.resolve("../annotations/pom.xml").normalize());
        assertEquals("redis-cache-annotations", childText(annotations.getDocumentElement(), "artifactId"));
        NodeList dependencies = annotations.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertEquals("test", childText(dependency, "scope"), "annotations/pom.xml declares the dependency "
                    + childText(dependency, "groupId") + ":" + childText(dependency, "artifactId") + " outside test scope");
        }
        // Dependencies the parent declares outside <dependencyManagement> would be inherited.
        Document parent = parse(basedir.resolve("../pom.xml").normalize());
        for (Node node = parent.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals("dependencies")) {
                NodeList inherited = element.getElementsByTagName("dependency");
                for (int i = 0; i < inherited.getLength(); i++) {
                    assertEquals("test", childText((Element) inherited.item(i), "scope"),
                            "the parent pom gives every module, the annotations too, a non-test dependency");
                }
            }
        }
    }

    static int majorVersion(InputStream in, String name) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic = data.readInt();
        if (magic != 0xCAFEBABE) {
            throw new AssertionError(name + " is not a class file (magic " + Integer.toHexString(magic) + ")");
        }
        data.readUnsignedShort(); // minor
        return data.readUnsignedShort();
    }

    private static Document parse(Path pom) throws Exception {
        assertTrue(Files.isRegularFile(pom), "no pom at " + pom);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static String childText(Element element, String tag) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(tag)) {
                return child.getTextContent().trim();
            }
        }
        return null;
    }

    private static Object first(java.util.Collection<?> items) {
        return items.isEmpty() ? "none" : items.iterator().next();
    }
}
