package evolving;

public enum Tier { GOLD, SILVER }
