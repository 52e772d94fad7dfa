package io.rediscache.it.near;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The file both {@link NearApp} JVMs of a scenario compute their price from: a near entry that
 * should have gone shows as an old price. Replaced atomically, so a JVM never reads half a write.
 */
final class PriceSource implements AutoCloseable {

    final Path path;

    private PriceSource(Path path) {
        this.path = path;
    }

    static PriceSource create(String price) throws IOException {
        PriceSource source = new PriceSource(Files.createTempFile("near-source", ".txt"));
        source.set(price);
        return source;
    }

    void set(String price) throws IOException {
        Path next = Files.createTempFile(path.getParent(), "near-source", ".tmp");
        Files.writeString(next, price);
        Files.move(next, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
