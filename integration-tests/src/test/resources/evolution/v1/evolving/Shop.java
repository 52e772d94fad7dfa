package evolving;

import io.rediscache.RedisCache;

/** Version 1 of a legacy service whose value classes change in version 2. */
public class Shop {

    public static int runs;

    @RedisCache(name = "evolving")
    public Renamed renamed(String id) {
        runs++;
        return new Renamed(10, 20);
    }

    @RedisCache(name = "evolving")
    public Added added(String id) {
        runs++;
        return new Added(1);
    }

    @RedisCache(name = "evolving")
    public Removed removed(String id) {
        runs++;
        return new Removed(1, 2);
    }

    @RedisCache(name = "evolving")
    public Retyped retyped(String id) {
        runs++;
        return new Retyped(5);
    }

    @RedisCache(name = "evolving")
    public Tier tier(String id) {
        runs++;
        return Tier.SILVER;
    }
}
