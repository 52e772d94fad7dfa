package evolving;

public class Added {
    int a;
    int b;

    Added(int a, int b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public String toString() {
        return "a=" + a + ",b=" + b;
    }
}
