package io.rediscache.it.security;

import io.rediscache.Locked;
import io.rediscache.RedisCache;

/** Methods whose arguments are personal data: they must never reach a log line or an exception message. */
public class PersonService {

    @RedisCache(name = "people")
    public String profile(String email) {
        return "profile of a " + email.length() + "-character address";
    }

    @Locked(value = "person_{0}", waitMillis = 0)
    public String update(String email) {
        return "updated";
    }
}
