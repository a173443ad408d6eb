package org.boarfish.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.boarfish.data.Tuple;

/** Padding texts of a batch to one length, as fastai's {@code pad_input_chunk}. */
public final class PadInput {
  private PadInput() {}

  /**
   * Pads the first element (a {@link TensorText}) of every sample to the batch's longest with
   * {@code padIdx}. With {@code padFirst}, the whole multiples of {@code seqLen} of the padding go
   * before the text and the remainder after it, so the text starts on a {@code seqLen} boundary;
   * otherwise all padding goes after. Texts of 5 and 12 tokens, seqLen 4: the short one becomes
   * {@code [1 1 1 1 t t t t t 1 1 1]} with padFirst.
   */
  public static List<Object> chunk(List<Object> samples, int padIdx, boolean padFirst, int seqLen) {
    int max = 0;
    for (Object s : samples) {
      max = Math.max(max, TextItems.ids(s).length);
    }
    List<Object> out = new ArrayList<>(samples.size());
    for (Object s : samples) {
      int[] x = TextItems.ids(s);
      int l = max - x.length;
      int chunk = (l / seqLen) * seqLen;
      int[] y = new int[max];
      Arrays.fill(y, padIdx);
      System.arraycopy(x, 0, y, padFirst ? chunk : 0, x.length);
      TensorText padded = TensorText.ofIds(y);
      out.add(s instanceof Tuple t ? t.with(0, padded) : padded);
    }
    return out;
  }
}
