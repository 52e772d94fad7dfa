package evolving;

public class Retyped {
    long n;

    Retyped(long n) {
        this.n = n;
    }

    @Override
    public String toString() {
        return "n=" + n;
    }
}
