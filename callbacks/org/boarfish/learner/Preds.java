package org.boarfish.learner;

/**
 * What {@link Learner#getPreds} returns, in the loader's dataset order.
 *
 * @param preds the activated predictions (softmax, sigmoid or identity, from the loss)
 * @param targets the targets, or null for unlabelled data
 * @param decoded the decoded predictions (class indices, booleans), or null when not asked
 * @param losses the loss of each item, or null when not asked
 */
public record Preds(
    org.boarfish.tensor.Tensor preds,
    org.boarfish.tensor.Tensor targets,
    org.boarfish.tensor.Tensor decoded,
    org.boarfish.tensor.Tensor losses) {

  @Override
  public String toString() {
    return "Preds[preds="
        + describe(preds)
        + ", targets="
        + describe(targets)
        + ", decoded="
        + describe(decoded)
        + ", losses="
        + describe(losses)
        + "]";
  }

  private static String describe(org.boarfish.tensor.Tensor t) {
    return t == null ? "null" : java.util.Arrays.toString(t.shape());
  }
}
