package io.rediscache.bench;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The cached value of the benchmarks: a typical "legacy" value object (final fields, no no-arg
 * constructor) of a few strings, numbers and small lists, about 500 bytes once encoded by the
 * agent's codec ({@link BenchmarkMain} measures and reports the exact size). Serializable only so
 * that {@link ValueSizes} can compare with Java serialization; the agent does not use it.
 */
public final class CustomerProfile implements Serializable {

    private static final long serialVersionUID = 1L;


    private final String id;
    private final String displayName;
    private final String email;
    private final String countryCode;
    private final String preferredLanguage;
    private final String loyaltyTier;
    private final String street;
    private final String city;
    private final String postcode;
    private final long createdAtMillis;
    private final long lastLoginMillis;
    private final int loginCount;
    private final double lifetimeValue;
    private final boolean emailVerified;
    private final List<String> roles;
    private final List<String> recentSearches;
    private final List<Long> favouriteProductIds;

    public CustomerProfile(String id, String displayName, String email, String countryCode, String preferredLanguage,
                           String loyaltyTier, String street, String city, String postcode, long createdAtMillis,
                           long lastLoginMillis, int loginCount, double lifetimeValue, boolean emailVerified,
                           List<String> roles, List<String> recentSearches, List<Long> favouriteProductIds) {
        this.id = id;
        this.displayName = displayName;
        this.email = email;
        this.countryCode = countryCode;
        this.preferredLanguage = preferredLanguage;
        this.loyaltyTier = loyaltyTier;
        this.street = street;
        this.city = city;
        this.postcode = postcode;
        this.createdAtMillis = createdAtMillis;
        this.lastLoginMillis = lastLoginMillis;
        this.loginCount = loginCount;
        this.lifetimeValue = lifetimeValue;
        this.emailVerified = emailVerified;
        this.roles = roles;
        this.recentSearches = recentSearches;
        this.favouriteProductIds = favouriteProductIds;
    }

    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CustomerProfile)) {
            return false;
        }
        CustomerProfile that = (CustomerProfile) other;
        return id.equals(that.id) && displayName.equals(that.displayName) && email.equals(that.email)
                && countryCode.equals(that.countryCode) && preferredLanguage.equals(that.preferredLanguage)
                && loyaltyTier.equals(that.loyaltyTier) && street.equals(that.street) && city.equals(that.city)
                && postcode.equals(that.postcode) && createdAtMillis == that.createdAtMillis
                && lastLoginMillis == that.lastLoginMillis && loginCount == that.loginCount
                && Double.compare(lifetimeValue, that.lifetimeValue) == 0 && emailVerified == that.emailVerified
                && roles.equals(that.roles) && recentSearches.equals(that.recentSearches)
                && favouriteProductIds.equals(that.favouriteProductIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, email, createdAtMillis);
    }
}
