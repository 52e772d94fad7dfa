package io.rediscache.it.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.rediscache.it.harness.ForkedJvm;
import io.rediscache.it.harness.RedisServer;

/**
 * Runs {@link DemoApp} in a new JVM with the agent attached, against the best Redis there is:
 * {@code REDIS_URL}; else a Redis answering on 127.0.0.1:6379; else a {@code redis-server}
 * from PATH started for the demo; else the agent's embedded in-process store. Says which.
 */
public final class DemoLauncher {

    private DemoLauncher() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv("REDIS_URL");
        RedisServer started = null;
        if (url != null && !url.isBlank()) {
            System.out.println("Backend: REDIS_URL (" + url.replaceAll("//[^@/]*@", "//****@") + ")");
        } else if (answersPing("127.0.0.1", 6379)) {
            url = "redis://127.0.0.1:6379/0";
            System.out.println("Backend: the local Redis answering on 127.0.0.1:6379");
        } else {
            try {
                started = RedisServer.start();
                url = started.url();
                System.out.println("Backend: a redis-server started for this demo on " + url);
            } catch (IllegalStateException noRedisServer) {
                url = null;
                System.out.println("Backend: the agent's embedded in-process store (no REDIS_URL, no Redis on"
                        + " 127.0.0.1:6379, no redis-server on PATH)");
            }
        }
        try {
            ForkedJvm jvm = ForkedJvm.withAgent()
                    .set("cache.namespace", "demo-" + ProcessHandle.current().pid())
                    .set("agent.log.level", "warn");
            if (url != null) {
                jvm.set("redis.url", url);
            }
            ForkedJvm.Result result = jvm.run(DemoApp.class);
            System.out.print(result.stdout());
            System.out.print(result.stderr());
            if (result.exitCode() != 0) {
                System.exit(result.exitCode());
            }
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    private static boolean answersPing(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[16];
            int read = in.read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
