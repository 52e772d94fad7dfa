package evolving;

public class Retyped {
    int n;

    Retyped(int n) {
        this.n = n;
    }

    @Override
    public String toString() {
        return "n=" + n;
    }
}
