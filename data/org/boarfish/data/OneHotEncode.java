package org.boarfish.data;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.tensor.Tensor;

/**
 * {@link MultiCategory} to a float32 one-hot {@link TensorMultiCategory} of length {@code c}, like
 * fastai's {@code OneHotEncode} (order 2). Without a given {@code c} it takes the size of the
 * vocabulary of the {@link MultiCategorize} before it (or the largest index seen + 1). {@link
 * #decode} keeps the entries above 0.5.
 */
public final class OneHotEncode extends Transform<MultiCategory, TensorMultiCategory> {
  private volatile int c;

  /** Length from the vocabulary at setup. */
  public OneHotEncode() {
    this(-1);
  }

  /** A given length ({@code -1} to learn it at setup). */
  public OneHotEncode(int c) {
    super(MultiCategory.class, TensorMultiCategory.class);
    if (c == 0 || c < -1) {
      throw new IllegalArgumentException(
          "OneHotEncode: c must be positive (or -1 to learn it), got " + c);
    }
    this.c = c;
  }

  /** The number of classes; {@link IllegalStateException} before setup. */
  public int c() {
    if (c < 0) {
      throw new IllegalStateException("OneHotEncode has no length yet: call setup or give c");
    }
    return c;
  }

  @Override
  public void setup(List<?> items) {
    if (c > 0) {
      return;
    }
    if (items instanceof HasVocab v && v.hasVocab()) {
      c = v.vocab().size();
      return;
    }
    int max = -1;
    for (Object o : handled(items)) {
      for (int i : ((MultiCategory) o).indices()) {
        max = Math.max(max, i);
      }
    }
    if (max < 0) {
      throw new IllegalStateException(
          "OneHotEncode: no labels among the training items to learn the number of classes from; give c");
    }
    c = max + 1;
  }

  @Override
  public TensorMultiCategory encode(MultiCategory m) {
    int n = c();
    float[] v = new float[n];
    for (int i : m.indices()) {
      if (i >= n) {
        throw new IllegalArgumentException(
            "OneHotEncode: index " + i + " of " + m + " is outside " + n + " classes");
      }
      v[i] = 1f;
    }
    return new TensorMultiCategory(Tensor.of(v, n));
  }

  @Override
  public MultiCategory decode(TensorMultiCategory t) {
    float[] v = t.tensor().toFloatArray();
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      if (v[i] > 0.5f) {
        idx.add(i);
      }
    }
    return MultiCategory.ofIndices(idx.stream().mapToInt(Integer::intValue).toArray());
  }

  @Override
  public int order() {
    return 2;
  }

  @Override
  public String name() {
    return c < 0 ? "OneHotEncode" : "OneHotEncode(c=" + c + ")";
  }
}
