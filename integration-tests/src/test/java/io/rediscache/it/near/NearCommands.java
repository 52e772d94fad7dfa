package io.rediscache.it.near;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.rediscache.it.harness.SteppedRun;

/** The test's side of one forked {@link NearApp}: writes its numbered command files and reads its answers. */
final class NearCommands {

    final Path dir;
    private int next;

    NearCommands(Path dir) {
        this.dir = dir;
    }

    /** Hands over a command; for a {@code watch…}, waits until it has started. */
    int start(SteppedRun jvm, String command) throws Exception {
        int n = ++next;
        Path tmp = Files.createTempFile(dir, "cmd", ".tmp");
        Files.writeString(tmp, command);
        Files.move(tmp, dir.resolve(Integer.toString(n)), StandardCopyOption.ATOMIC_MOVE);
        if (command.startsWith("watch")) {
            jvm.awaitLine("STARTED" + n, 30);
        }
        return n;
    }

    String await(SteppedRun jvm, int n) throws Exception {
        return jvm.awaitLine("DONE" + n + " ", 60).substring(("DONE" + n + " ").length());
    }

    String run(SteppedRun jvm, String command) throws Exception {
        return await(jvm, start(jvm, command));
    }

    void exit(SteppedRun jvm) throws Exception {
        start(jvm, "exit");
    }
}
