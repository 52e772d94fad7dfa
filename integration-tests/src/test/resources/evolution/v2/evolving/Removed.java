package evolving;

public class Removed {
    int a;

    Removed(int a) {
        this.a = a;
    }

    @Override
    public String toString() {
        return "a=" + a;
    }
}
