package org.boarfish.text;

import java.util.List;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code masked_concat_pool}: for outputs {@code [B, T, E]} and a padding mask, {@code
 * [output at the last non-pad position, max over non-pad positions, mean over non-pad positions]} →
 * {@code [B, 3E]}.
 */
public final class ConcatPool {
  private ConcatPool() {}

  /** Pools {@code output} ignoring the positions where {@code padMask[b][t]} is true. */
  public static Tensor maskedConcatPool(Tensor output, boolean[][] padMask) {
    int b = Math.toIntExact(output.size(0));
    int t = Math.toIntExact(output.size(1));
    if (padMask.length != b || (b > 0 && padMask[0].length != t)) {
      throw new IllegalArgumentException(
          "maskedConcatPool: the mask must be ["
              + b
              + ", "
              + t
              + "] like the output "
              + java.util.Arrays.toString(output.shape()));
    }
    float[] keep = new float[b * t];
    float[] last = new float[b * t];
    float[] neg = new float[b * t];
    float[] lens = new float[b];
    for (int r = 0; r < b; r++) {
      int lastPos = -1;
      for (int s = 0; s < t; s++) {
        if (!padMask[r][s]) {
          keep[r * t + s] = 1;
          lens[r]++;
          lastPos = s;
        } else {
          neg[r * t + s] = -1e30f;
        }
      }
      if (lastPos < 0) {
        throw new IllegalArgumentException(
            "maskedConcatPool: row " + r + " is all padding; every text needs at least one token");
      }
      last[r * t + lastPos] = 1;
    }
    Tensor keepT = Tensor.of(keep, b, t, 1);
    Tensor lastOut = output.mul(Tensor.of(last, b, t, 1)).sum(1);
    Tensor maxPool = output.add(Tensor.of(neg, b, t, 1)).amax(new int[] {1}, false);
    Tensor avgPool = output.mul(keepT).sum(1).div(Tensor.of(lens, b, 1));
    return Tensor.cat(List.of(lastOut, maxPool, avgPool), 1);
  }
}
