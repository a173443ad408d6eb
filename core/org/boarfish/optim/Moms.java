package org.boarfish.optim;

/**
 * The three momentums of a one-cycle schedule: {@code start → middle} while the learning rate warms
 * up, then {@code middle → end} while it decays. fastai's default is (0.95, 0.85, 0.95); its text
 * learners use (0.8, 0.7, 0.8).
 */
public record Moms(double start, double middle, double end) {
  /** fastai's default, (0.95, 0.85, 0.95). */
  public static final Moms DEFAULT = new Moms(0.95, 0.85, 0.95);

  /** Checks that each is in [0, 1). */
  public Moms {
    Check.unitInterval("moms start", start);
    Check.unitInterval("moms middle", middle);
    Check.unitInterval("moms end", end);
  }

  /** The momentums {@code (start, middle, end)}. */
  public static Moms of(double start, double middle, double end) {
    return new Moms(start, middle, end);
  }
}
