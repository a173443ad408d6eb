package org.boarfish.optim;

/**
 * The hyper-parameters of one parameter group, with fastai's names: learning rate {@code lr},
 * momentum {@code mom} (Adam's β1), {@code sqrMom} (Adam's β2, RMSProp's α), {@code eps} and weight
 * decay {@code wd}. An optimizer ignores the ones it has no use for (SGD reads only {@code lr},
 * {@code mom} and {@code wd}).
 *
 * <p>Values are checked when made: {@code lr}, {@code eps} and {@code wd} finite and not negative
 * (a schedule may take {@code lr} to 0), {@code mom} and {@code sqrMom} in [0, 1).
 */
public record Hypers(double lr, double mom, double sqrMom, double eps, double wd) {

  /** Checks every value. */
  public Hypers {
    Check.nonNegative("lr", lr);
    Check.unitInterval("mom", mom);
    Check.unitInterval("sqrMom", sqrMom);
    Check.nonNegative("eps", eps);
    Check.nonNegative("wd", wd);
  }

  /** A copy with another learning rate. */
  public Hypers withLr(double value) {
    return new Hypers(value, mom, sqrMom, eps, wd);
  }

  /** A copy with another momentum. */
  public Hypers withMom(double value) {
    return new Hypers(lr, value, sqrMom, eps, wd);
  }

  /** A copy with another squared-gradient momentum. */
  public Hypers withSqrMom(double value) {
    return new Hypers(lr, mom, value, eps, wd);
  }

  /** A copy with another epsilon. */
  public Hypers withEps(double value) {
    return new Hypers(lr, mom, sqrMom, value, wd);
  }

  /** A copy with another weight decay. */
  public Hypers withWd(double value) {
    return new Hypers(lr, mom, sqrMom, eps, value);
  }

  @Override
  public String toString() {
    return "Hypers[lr="
        + lr
        + ", mom="
        + mom
        + ", sqrMom="
        + sqrMom
        + ", eps="
        + eps
        + ", wd="
        + wd
        + "]";
  }
}
