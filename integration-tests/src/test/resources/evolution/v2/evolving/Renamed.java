package evolving;

/** quantity renamed to amount: in name order the fields swap places. */
public class Renamed {
    int amount;
    int price;

    Renamed(int amount, int price) {
        this.amount = amount;
        this.price = price;
    }

    @Override
    public String toString() {
        return "price=" + price + ",amount=" + amount;
    }
}
