package org.boarfish.text;

import java.util.Arrays;
import java.util.List;
import org.boarfish.learner.Preds;
import org.boarfish.tensor.Tensor;

/**
 * An ensemble of classifiers by averaged probabilities, as fastai's IMDB recipe averages its
 * forward and backward ULMFiT classifiers: the members' {@link Preds} (from {@code getPreds} on the
 * same items in the same order) are averaged class by class; the targets must agree.
 *
 * <pre>{@code
 * Preds both = ProbEnsemble.average(List.of(fwd.learner().getPreds(), bwd.learner().getPreds()));
 * double acc = ProbEnsemble.accuracy(both);
 * }</pre>
 */
public final class ProbEnsemble {
  private ProbEnsemble() {}

  /**
   * The mean of the members' probabilities {@code [N, C]}, the first member's targets, and the
   * averaged prediction's class indices as {@code decoded}; an error naming the member whose shape
   * or targets differ from the first's.
   */
  public static Preds average(List<Preds> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("ProbEnsemble.average: give at least one member's Preds");
    }
    Preds first = members.get(0);
    long[] shape = first.preds().shape();
    if (shape.length != 2) {
      throw new IllegalArgumentException(
          "ProbEnsemble.average: predictions must be class probabilities [items, classes], got "
              + Arrays.toString(shape));
    }
    int n = Math.toIntExact(shape[0]);
    int c = Math.toIntExact(shape[1]);
    double[] sum = new double[n * c];
    long[] targets = first.targets() == null ? null : first.targets().toLongArray();
    for (int m = 0; m < members.size(); m++) {
      Preds p = members.get(m);
      if (!Arrays.equals(p.preds().shape(), shape)) {
        throw new IllegalArgumentException(
            "ProbEnsemble.average: member "
                + m
                + " has predictions "
                + Arrays.toString(p.preds().shape())
                + " but member 0 has "
                + Arrays.toString(shape)
                + "; every member must predict the same items");
      }
      if (targets != null
          && (p.targets() == null || !Arrays.equals(p.targets().toLongArray(), targets))) {
        throw new IllegalArgumentException(
            "ProbEnsemble.average: member "
                + m
                + "'s targets differ from member 0's: the members must see the same items in the"
                + " same order (getPreds on loaders over the same rows)");
      }
      double[] v = p.preds().toDoubleArray();
      for (int i = 0; i < v.length; i++) {
        sum[i] += v[i];
      }
    }
    float[] mean = new float[n * c];
    long[] decoded = new long[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 0; j < c; j++) {
        mean[i * c + j] = (float) (sum[i * c + j] / members.size());
        if (sum[i * c + j] > sum[i * c + best]) {
          best = j;
        }
      }
      decoded[i] = best;
    }
    Tensor t = targets == null ? null : Tensor.of(targets, n);
    return new Preds(Tensor.of(mean, n, c), t, Tensor.of(decoded, n), null);
  }

  /** The fraction of items whose most probable class is the target. */
  public static double accuracy(Preds p) {
    if (p.targets() == null) {
      throw new IllegalArgumentException("accuracy needs targets; these predictions have none");
    }
    long[] shape = p.preds().shape();
    int n = Math.toIntExact(shape[0]);
    int c = Math.toIntExact(shape[1]);
    float[] v = p.preds().toFloatArray();
    long[] y = p.targets().toLongArray();
    int right = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 1; j < c; j++) {
        if (v[i * c + j] > v[i * c + best]) {
          best = j;
        }
      }
      if (best == y[i]) {
        right++;
      }
    }
    return n == 0 ? 0 : (double) right / n;
  }
}
