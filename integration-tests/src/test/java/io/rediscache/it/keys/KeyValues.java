package io.rediscache.it.keys;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application's own argument types: enums (one with constant bodies, two sharing constant
 * names), records, and plain objects with inherited fields, collections inside, and elements
 * that hash by identity, so that their {@code hashCode()} and iteration order differ between
 * JVMs while their logical value does not.
 */
public final class KeyValues {

    private KeyValues() {
    }

    public enum Color { RED, GREEN, BLUE }

    public enum TrafficLight { RED, AMBER, GREEN }

    public enum Shape {
        CIRCLE {
            @Override
            double area(double size) {
                return Math.PI * size * size;
            }
        },
        SQUARE {
            @Override
            double area(double size) {
                return size * size;
            }
        };

        abstract double area(double size);
    }

    /** Its hashCode includes the enum's, which is an identity hash: it differs from JVM to JVM. */
    public record Query(String sku, int quantity, Set<String> tags, Color color, Map<String, Integer> limits) {
    }

    public record Page(Query query, List<Query> alternatives, int number) {
    }

    /** No equals or hashCode: in a HashSet it is placed by identity hash. */
    public static final class Label {
        private final String text;

        public Label(String text) {
            this.text = text;
        }
    }

    public static class BaseCriteria {
        protected String region;
        protected long tenant;
    }

    /** A bean: built through its constructor in one JVM and through setters, in another order, in the other. */
    public static class Criteria extends BaseCriteria {
        private String name;
        private Set<Label> labels = new HashSet<>();
        private Map<Color, Integer> weights = new HashMap<>();
        private int[] sizes;
        private Integer limit;

        public Criteria() {
        }

        public Criteria(String region, long tenant, String name, Set<Label> labels, Map<Color, Integer> weights,
                        int[] sizes, Integer limit) {
            this.region = region;
            this.tenant = tenant;
            this.name = name;
            this.labels = labels;
            this.weights = weights;
            this.sizes = sizes;
            this.limit = limit;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public void setTenant(long tenant) {
            this.tenant = tenant;
        }

        public void setName(String name) {
            this.name = name;
        }

        public void setLabels(Set<Label> labels) {
            this.labels = labels;
        }

        public void setWeights(Map<Color, Integer> weights) {
            this.weights = weights;
        }

        public void setSizes(int[] sizes) {
            this.sizes = sizes;
        }

        public void setLimit(Integer limit) {
            this.limit = limit;
        }
    }

    /** Same fields, same values as a {@link Criteria}, another class: must not share its key. */
    public static class CriteriaLookalike extends BaseCriteria {
        private String name;
        private Set<Label> labels;
        private Map<Color, Integer> weights;
        private int[] sizes;
        private Integer limit;

        public CriteriaLookalike(String region, long tenant, String name, Set<Label> labels, Map<Color, Integer> weights,
                                 int[] sizes, Integer limit) {
            this.region = region;
            this.tenant = tenant;
            this.name = name;
            this.labels = labels;
            this.weights = weights;
            this.sizes = sizes;
            this.limit = limit;
        }
    }
}
