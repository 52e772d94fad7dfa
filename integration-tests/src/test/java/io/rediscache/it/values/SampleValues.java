package io.rediscache.it.values;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The application's own result types, as legacy code has them: enums (one with constant
 * bodies), records nested in records, plain objects without a no-arg constructor and with
 * inherited fields, and object graphs with shared references and a cycle.
 */
public final class SampleValues {

    private SampleValues() {
    }

    public enum Size { SMALL, MEDIUM, LARGE }

    /** Constants with bodies are anonymous subclasses ({@code Operation$1}), a classic trap for serializers. */
    public enum Operation {
        PLUS {
            @Override
            int apply(int a, int b) {
                return a + b;
            }
        },
        TIMES {
            @Override
            int apply(int a, int b) {
                return a * b;
            }
        };

        abstract int apply(int a, int b);
    }

    public record Money(BigDecimal amount, String currency) {
    }

    public record Line(String sku, int quantity, Money price, Size size) {
    }

    public record Order(String id, Line first, List<Line> lines, Map<String, Money> totals) {
    }

    /** Only an all-arguments constructor and final fields; the superclass holds part of the state. */
    public static class Document {
        private final String id;
        private final long version;

        protected Document(String id, long version) {
            this.id = id;
            this.version = version;
        }

        public String id() {
            return id;
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass()
                    && ((Document) other).id.equals(id) && ((Document) other).version == version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, version);
        }
    }

    public static final class Invoice extends Document {
        private final String customer;
        private final BigDecimal total;
        private final List<String> notes;
        private final transient String cachedLabel;

        public Invoice(String id, long version, String customer, BigDecimal total, List<String> notes) {
            super(id, version);
            this.customer = Objects.requireNonNull(customer);
            this.total = total;
            this.notes = notes;
            this.cachedLabel = id + "/" + customer;
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other) && ((Invoice) other).customer.equals(customer)
                    && Objects.equals(((Invoice) other).total, total) && Objects.equals(((Invoice) other).notes, notes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(super.hashCode(), customer, total, notes);
        }

        @Override
        public String toString() {
            return "Invoice " + id() + " " + customer + " " + total + " " + notes;
        }
    }

    /** A mutable object referenced from several places. */
    public static final class Customer {
        private final String name;
        private int visits;

        public Customer(String name, int visits) {
            this.name = name;
            this.visits = visits;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customer c && c.name.equals(name) && c.visits == visits;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, visits);
        }

        @Override
        public String toString() {
            return name + "(" + visits + ")";
        }
    }

    /** Two fields and a list holding the same {@link Customer}: the decoded graph must keep them one object. */
    public static final class Account {
        final Customer owner;
        final Customer billedTo;
        final List<Customer> members;

        public Account(Customer owner, Customer billedTo, List<Customer> members) {
            this.owner = owner;
            this.billedTo = billedTo;
            this.members = members;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Account a && a.owner.equals(owner) && a.billedTo.equals(billedTo)
                    && a.members.equals(members);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, billedTo, members);
        }

        @Override
        public String toString() {
            return "Account " + owner + " " + billedTo + " " + members;
        }
    }

    /** A tree whose children point back at their parent: a cycle. equals/toString follow children only. */
    public static final class Node {
        final String name;
        Node parent;
        final List<Node> children = new ArrayList<>();

        public Node(String name) {
            this.name = name;
        }

        public Node add(Node child) {
            child.parent = this;
            children.add(child);
            return this;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Node n && n.name.equals(name) && n.children.equals(children);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, children);
        }

        @Override
        public String toString() {
            return name + children;
        }
    }
}
