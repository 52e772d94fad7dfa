package evolving;

public class Removed {
    int a;
    int b;

    Removed(int a, int b) {
        this.a = a;
        this.b = b;
    }

    @Override
    public String toString() {
        return "a=" + a + ",b=" + b;
    }
}
