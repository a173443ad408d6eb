package org.boarfish.text;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Tensor;

/**
 * fastai's {@code SentenceEncoder}: runs an {@link AwdLstm} over a padded batch of texts {@code [B,
 * S]} in consecutive chunks of {@code bptt} tokens, carrying the hidden state from chunk to chunk,
 * and keeps the outputs of the chunks within the last {@code maxLen} tokens (the earlier chunks run
 * without gradient, only to build up the state).
 *
 * <p>As in fastai, a chunk runs only the first {@code realBs} rows, those whose token at the chunk
 * start is not padding: with texts sorted longest first and padded at the front, that skips the
 * all-padding part of shorter texts, whose state starts from zeros when they join. If the
 * non-padding rows are not the first ones, every row runs.
 */
public class SentenceEncoder extends Module {
  private final int bptt;
  private final AwdLstm module;
  private final long padIdx;
  private final int maxLen;

  /** The outputs of the kept chunks {@code [B, L, E]} and their padding mask {@code [B, L]}. */
  public record Encoded(Tensor output, boolean[][] padMask) {}

  /** Wraps {@code module} with fastai's defaults bptt 72, max length 72·20. */
  public SentenceEncoder(AwdLstm module) {
    this(72, module, module.config().padToken(), 72 * 20);
  }

  /** Every option. */
  public SentenceEncoder(int bptt, AwdLstm module, long padIdx, int maxLen) {
    if (bptt < 1 || maxLen < 1) {
      throw new IllegalArgumentException(
          "SentenceEncoder: bptt and maxLen must be positive, got " + bptt + ", " + maxLen);
    }
    this.bptt = bptt;
    this.module = register("module", module);
    this.padIdx = padIdx;
    this.maxLen = maxLen;
  }

  /** Encodes a batch of token ids {@code [B, S]} (int64), padded with the pad index. */
  public Encoded encode(Tensor input) {
    if (input.dim() != 2) {
      throw new IllegalArgumentException(
          "SentenceEncoder: input must be token ids [batch, length], got "
              + java.util.Arrays.toString(input.shape()));
    }
    int bs = Math.toIntExact(input.size(0));
    int sl = Math.toIntExact(input.size(1));
    long[] ids = input.toLongArray();
    boolean[][] pad = new boolean[bs][sl];
    for (int r = 0; r < bs; r++) {
      for (int t = 0; t < sl; t++) {
        pad[r][t] = ids[r * sl + t] == padIdx;
      }
    }
    module.reset();
    List<Tensor> outs = new ArrayList<>();
    int firstKept = -1;
    for (int i = 0; i < sl; i += bptt) {
      int end = Math.min(i + bptt, sl);
      int realBs = realBs(pad, i, bs);
      Tensor chunk = input.slice(0, 0, realBs).slice(1, i, end).contiguous();
      if (sl - i <= maxLen) {
        if (firstKept < 0) {
          firstKept = i;
        }
        Tensor o = module.call(chunk);
        if (realBs < bs) {
          o = Tensor.cat(List.of(o, Tensor.zeros(bs - realBs, end - i, o.size(2))), 0);
        }
        outs.add(o);
      } else {
        try (Autograd.NoGrad ng = Autograd.noGrad()) {
          module.call(chunk);
        }
      }
    }
    boolean[][] mask = new boolean[bs][];
    for (int r = 0; r < bs; r++) {
      mask[r] = java.util.Arrays.copyOfRange(pad[r], firstKept, sl);
    }
    return new Encoded(outs.size() == 1 ? outs.get(0) : Tensor.cat(outs, 1), mask);
  }

  /** The number of leading rows that are not padding at position i, or all rows. */
  private static int realBs(boolean[][] pad, int i, int bs) {
    int real = 0;
    while (real < bs && !pad[real][i]) {
      real++;
    }
    for (int r = real; r < bs; r++) {
      if (!pad[r][i]) {
        return bs; // not sorted longest first: run every row
      }
    }
    return real == 0 ? bs : real;
  }

  /** The wrapped encoder. */
  public AwdLstm module() {
    return module;
  }

  /** The chunk length. */
  public int bptt() {
    return bptt;
  }

  @Override
  protected String extraRepr() {
    return "bptt=" + bptt + ", max_len=" + maxLen;
  }
}
