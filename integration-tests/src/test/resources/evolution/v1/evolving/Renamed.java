package evolving;

public class Renamed {
    int price;
    int quantity;

    Renamed(int price, int quantity) {
        this.price = price;
        this.quantity = quantity;
    }

    @Override
    public String toString() {
        return "price=" + price + ",quantity=" + quantity;
    }
}
