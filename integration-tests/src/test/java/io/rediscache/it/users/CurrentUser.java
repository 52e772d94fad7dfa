package io.rediscache.it.users;

/** The application's notion of "the user of this request": what cache.user.provider names. */
public final class CurrentUser {

    private static final ThreadLocal<String> USER = new ThreadLocal<>();

    private CurrentUser() {
    }

    static void set(String user) {
        USER.set(user);
    }

    public static String name() {
        return USER.get();
    }
}
