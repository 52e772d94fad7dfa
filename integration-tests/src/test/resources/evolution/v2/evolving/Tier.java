package evolving;

/** The constants reordered. */
public enum Tier { SILVER, GOLD }
