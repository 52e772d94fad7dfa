package io.rediscache.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * Gives each test class a real Redis, as {@link RedisTarget} parameters:
 * <ol>
 *   <li>{@code REDIS_URL} when set (shared: tests keep apart by namespace);</li>
 *   <li>else a Testcontainers {@code redis:7} container when a Docker engine is available;</li>
 *   <li>else a {@code redis-server} from PATH on a free loopback port, stopped afterwards.</li>
 * </ol>
 * Fault tests do not use this: they start a {@link RedisServer} of their own to stop and pause.
 */
public final class RedisHarness implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RedisHarness.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(STORE).put("target", open());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        RedisTarget target = context.getStore(STORE).remove("target", RedisTarget.class);
        if (target != null) {
            target.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == RedisTarget.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getStore(STORE).get("target", RedisTarget.class);
    }

    /** Which of the three sources this run uses, for the test report. */
    static RedisTarget open() {
        Map<String, String> environment = System.getenv();
        String url = environment.get("REDIS_URL");
        if (url != null && !url.isBlank()) {
            return new RedisTarget(url, null);
        }
        if (dockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7.0").withExposedPorts(6379);
            container.start();
            return new RedisTarget("redis://" + container.getHost() + ":" + container.getMappedPort(6379) + "/0", container::stop);
        }
        RedisServer server = RedisServer.start();
        return new RedisTarget(server.url(), server);
    }

    /** Asks Testcontainers only when a Docker endpoint could exist, so a machine without one pays nothing. */
    private static boolean dockerAvailable() {
        boolean endpoint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        return endpoint && DockerClientFactory.instance().isDockerAvailable();
    }
}
