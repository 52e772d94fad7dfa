package evolving;

public class Added {
    int a;

    Added(int a) {
        this.a = a;
    }

    @Override
    public String toString() {
        return "a=" + a;
    }
}
