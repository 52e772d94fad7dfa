package io.rediscache.it.entries;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.rediscache.Locks;
import io.rediscache.it.harness.RedisTarget;
import org.apache.commons.text.WordUtils;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

/**
 * The application the entries test forks: calls methods that only the agent's properties file
 * marks for caching or locking (its own legacy classes, and {@link WordUtils} from a jar it did
 * not compile), and reports what happened as {@code RESULT name=value} lines.
 */
public final class EntriesApp {

    private EntriesApp() {
    }

    public static void main(String[] args) throws Exception {
        String namespace = args[1];
        try (JedisPooled redis = new JedisPooled(URI.create(args[0]))) {
            pricing();
            catalog();
            thirdParty(redis, namespace);
            locks(redis, namespace);
        }
        // every class is loaded by now; stay alive until the test saw the agent's report of entries
        // that matched nothing (agent.unmatched.report.after) and created the file args[2], at most 60 s
        Path done = Path.of(args[2]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(done) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void pricing() {
        LegacyPricing pricing = new LegacyPricing();
        String first = pricing.price("A", 1);
        report("price.sameSkuOtherQuantity", pricing.price("A", 2).equals(first));
        report("price.otherSku", pricing.price("B", 1).equals(first));
        report("price.runs", LegacyPricing.runs("price2"));
        pricing.price("A");
        pricing.price("A");
        report("priceOverload.runs", LegacyPricing.runs("price1"));
        report("annotated.equal", pricing.annotated("x").equals(pricing.annotated("x")));
        report("annotated.runs", LegacyPricing.runs("annotated"));
    }

    private static void catalog() {
        LegacyCatalog catalog = new LegacyCatalog();
        report("findByColour.equal", catalog.findByColour("red").equals(catalog.findByColour("red")));
        report("findCount.equal", catalog.findCount("hats", 1) == catalog.findCount("hats", 1));
        catalog.findAndLog("x");
        catalog.findAndLog("x");
        catalog.describe("y");
        catalog.describe("y");
        report("catalog.runs", Arrays.asList(LegacyPricing.runs("findByColour"), LegacyPricing.runs("findCount"),
                LegacyPricing.runs("findAndLog"), LegacyPricing.runs("describe")));
    }

    /**
     * WordUtils is not rebuilt: the entry alone caches it. The stored value is then altered in
     * Redis ("Hello" becomes "Jello"), so a second call that returns the altered text can only
     * have come from the cache.
     */
    private static void thirdParty(JedisPooled redis, String namespace) {
        report("words.first", WordUtils.capitalizeFully("hello wORLD"));
        List<String> keys = RedisTarget.keys(redis, namespace + "|words|*");
        report("words.keys", keys.size());
        byte[] key = keys.get(0).getBytes(StandardCharsets.UTF_8);
        byte[] value = redis.get(key);
        int at = indexOf(value, "Hello".getBytes(StandardCharsets.US_ASCII));
        report("words.storedHasText", at >= 0);
        value[at] = 'J';
        redis.set(key, value, SetParams.setParams().keepTtl());
        report("words.second", WordUtils.capitalizeFully("hello wORLD"));
        report("words.otherArgument", WordUtils.capitalizeFully("good bYE"));
    }

    private static void locks(JedisPooled redis, String namespace) {
        LegacyInventory inventory = new LegacyInventory(body -> {
            String lockKey = namespace + "|lock|{" + (body.equals("sync") ? "inventory_EU" : "nightly") + "}";
            report(body + ".inside.tokenPresent", redis.get(lockKey) != null);
            report(body + ".inside.pttl", redis.pttl(lockKey));
            report(body + ".inside.fencingToken", Locks.fencingToken());
        });
        report("sync.value", inventory.sync("EU"));
        report("sync.pttlAfter", redis.pttl(namespace + "|lock|{inventory_EU}"));
        redis.set(namespace + "|lock|{inventory_US}", "held-elsewhere", SetParams.setParams().px(5000));
        report("sync.busy", thrown(() -> inventory.sync("US")));
        report("sync.runs", LegacyPricing.runs("sync"));

        report("nightly.value", inventory.nightly());
        redis.set(namespace + "|lock|{nightly}", "held-elsewhere", SetParams.setParams().px(5000));
        report("nightly.busyValue", inventory.nightly());
        report("nightly.runs", LegacyPricing.runs("nightly"));
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (Arrays.equals(Arrays.copyOfRange(data, i, i + part.length), part)) {
                return i;
            }
        }
        return -1;
    }

    private static String thrown(Callable<?> call) {
        try {
            return "returned " + call.call();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static void report(String name, Object value) {
        System.out.println("RESULT " + name + "=" + value);
    }
}
