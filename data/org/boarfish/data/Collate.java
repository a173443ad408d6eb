package org.boarfish.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.boarfish.tensor.Idx;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a list of samples into one batch and back, like PyTorch's {@code default_collate} with
 * fastai's types kept. Element by element: {@link TensorItem}s are stacked along a new dim 0 and
 * keep their type; plain tensors are stacked ({@link TensorImage}s holding Java pixel arrays are
 * copied into one array that becomes one tensor, with no ND4J array per sample); {@link Category}s
 * become an int64 {@link TensorCategory}; integer numbers an int64 tensor, other numbers float32,
 * booleans bool; anything else (strings, paths) is kept as a list. Samples that don't stack give an
 * error naming the element and the two shapes.
 */
public final class Collate {
  private Collate() {}

  /**
   * One batch from samples ({@link Tuple}s of equal size, or single values making a one-element
   * batch).
   */
  public static Tuple collate(List<?> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("collate: no samples to make a batch of");
    }
    Object first = samples.get(0);
    if (!(first instanceof Tuple f)) {
      return new Tuple(List.of(element(0, new ArrayList<>(samples))), 1);
    }
    List<Object> out = new ArrayList<>(f.size());
    for (int e = 0; e < f.size(); e++) {
      List<Object> column = new ArrayList<>(samples.size());
      for (int s = 0; s < samples.size(); s++) {
        if (!(samples.get(s) instanceof Tuple t) || t.size() != f.size()) {
          throw new IllegalArgumentException(
              "collate: sample 0 has "
                  + f.size()
                  + " elements but sample "
                  + s
                  + " is "
                  + Describe.of(samples.get(s)));
        }
        column.add(t.get(e));
      }
      out.add(element(e, column));
    }
    return new Tuple(out, f.nInp());
  }

  private static Object element(int e, List<Object> column) {
    Object first = column.get(0);
    for (int s = 1; s < column.size(); s++) {
      Object o = column.get(s);
      if (o == null
          || first == null
          || (o.getClass() != first.getClass()
              && !(o instanceof Number && first instanceof Number))) {
        throw new IllegalArgumentException(
            "collate: element "
                + e
                + " of sample 0 is "
                + Describe.of(first)
                + " but of sample "
                + s
                + " it is "
                + Describe.of(o)
                + "; every sample of a batch needs the same types");
      }
    }
    if (first instanceof TensorImage && allInJava(column)) {
      return stackPixels(e, column);
    }
    if (first instanceof TensorItem ti) {
      List<Tensor> ts = new ArrayList<>(column.size());
      for (Object o : column) {
        ts.add(((TensorItem) o).tensor());
      }
      return ti.withTensor(stack(e, first.getClass().getSimpleName(), ts));
    }
    if (first instanceof Tensor) {
      List<Tensor> ts = new ArrayList<>(column.size());
      for (Object o : column) {
        ts.add((Tensor) o);
      }
      return stack(e, "Tensor", ts);
    }
    if (first instanceof Category) {
      long[] v = new long[column.size()];
      for (int s = 0; s < v.length; s++) {
        v[s] = ((Category) column.get(s)).index();
      }
      return new TensorCategory(Tensor.of(v, v.length));
    }
    if (first instanceof MultiCategory) {
      throw new IllegalArgumentException(
          "collate: element "
              + e
              + " holds MultiCategory items, which have different "
              + "numbers of labels and cannot be stacked; add OneHotEncode after MultiCategorize (MultiCategoryBlock does)");
    }
    if (first instanceof Boolean) {
      boolean[] v = new boolean[column.size()];
      for (int s = 0; s < v.length; s++) {
        v[s] = (Boolean) column.get(s);
      }
      return Tensor.of(v, v.length);
    }
    if (first instanceof Number) {
      boolean integral = true;
      for (Object o : column) {
        integral &=
            o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte;
      }
      if (integral) {
        long[] v = new long[column.size()];
        for (int s = 0; s < v.length; s++) {
          v[s] = ((Number) column.get(s)).longValue();
        }
        return Tensor.of(v, v.length);
      }
      float[] v = new float[column.size()];
      for (int s = 0; s < v.length; s++) {
        v[s] = ((Number) column.get(s)).floatValue();
      }
      return Tensor.of(v, v.length);
    }
    return Collections.unmodifiableList(new ArrayList<>(column));
  }

  private static boolean allInJava(List<Object> column) {
    for (Object o : column) {
      if (!((TensorImage) o).inJava()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Images holding their pixels in Java arrays ({@link TensorImage#ofPixels}): copied into one
   * array, then one tensor for the batch, instead of an ND4J array per image and a native stack.
   * Same result as stacking their tensors.
   */
  private static TensorImage stackPixels(int e, List<Object> column) {
    TensorImage t0 = (TensorImage) column.get(0);
    long[] ref = t0.shape();
    int n = t0.javaPixels().length;
    int[] all = new int[Math.multiplyExact(n, column.size())];
    for (int s = 0; s < column.size(); s++) {
      TensorImage t = (TensorImage) column.get(s);
      if (!Arrays.equals(t.shape(), ref)) {
        throw new IllegalArgumentException(
            "collate: cannot stack element "
                + e
                + " (TensorImage) of the batch: sample 0 has shape "
                + Arrays.toString(ref)
                + " int32 but sample "
                + s
                + " has shape "
                + Arrays.toString(t.shape())
                + " int32"
                + "; every sample of a batch needs one shape and type (add an item transform such as a resize, "
                + "or a beforeBatch hook that pads)");
      }
      System.arraycopy(t.javaPixels(), 0, all, s * n, n);
    }
    long[] shape = new long[ref.length + 1];
    shape[0] = column.size();
    System.arraycopy(ref, 0, shape, 1, ref.length);
    return new TensorImage(Tensor.of(all, shape));
  }

  private static Tensor stack(int e, String kind, List<Tensor> ts) {
    Tensor t0 = ts.get(0);
    long[] ref = t0.shape();
    for (int s = 1; s < ts.size(); s++) {
      Tensor t = ts.get(s);
      if (!Arrays.equals(t.shape(), ref) || t.dtype() != t0.dtype()) {
        throw new IllegalArgumentException(
            "collate: cannot stack element "
                + e
                + " ("
                + kind
                + ") of the batch: sample 0 has shape "
                + Arrays.toString(ref)
                + " "
                + t0.dtype()
                + " but sample "
                + s
                + " has shape "
                + Arrays.toString(t.shape())
                + " "
                + t.dtype()
                + "; every sample of a batch needs one shape and type (add an item transform such as a resize, "
                + "or a beforeBatch hook that pads)");
      }
    }
    boolean grad = false;
    for (Tensor t : ts) {
      grad |= t.requiresGrad();
    }
    if (grad || ts.size() == 1) {
      return Tensor.stack(ts, 0);
    }
    // data tensors carry no graph: one native stack instead of an unsqueeze per sample and a concat
    // (2x faster)
    INDArray[] arrays = new INDArray[ts.size()];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = ts.get(i).data();
    }
    return Tensor.wrap(Nd4j.stack(0, arrays));
  }

  /**
   * The samples of a batch: each element sliced at each position of dim 0 (see {@link
   * TensorItem#unbatch}).
   */
  public static List<Tuple> decollate(Tuple batch) {
    return decollate(batch, Integer.MAX_VALUE);
  }

  /** The first {@code max} samples of a batch. */
  public static List<Tuple> decollate(Tuple batch, int max) {
    int n = Math.min(max, batchSize(batch));
    List<Tuple> out = new ArrayList<>(n);
    for (int b = 0; b < n; b++) {
      List<Object> els = new ArrayList<>(batch.size());
      for (Object o : batch) {
        els.add(slice(o, b));
      }
      out.add(new Tuple(els, batch.nInp()));
    }
    return out;
  }

  /**
   * The number of samples in a batch (dim 0 of its first tensor, or the length of its first list).
   */
  public static int batchSize(Tuple batch) {
    for (Object o : batch) {
      if (o instanceof TensorItem t && t.tensor().dim() > 0) {
        return (int) t.tensor().size(0);
      }
      if (o instanceof Tensor t && t.dim() > 0) {
        return (int) t.size(0);
      }
      if (o instanceof List<?> l) {
        return l.size();
      }
    }
    throw new IllegalArgumentException("not a batch (no element with a batch dim): " + batch);
  }

  private static Object slice(Object o, int b) {
    if (o instanceof TensorItem t) {
      return t.unbatch(t.tensor().index(Idx.at(b)));
    }
    if (o instanceof Tensor t) {
      return t.index(Idx.at(b));
    }
    if (o instanceof List<?> l) {
      return l.get(b);
    }
    return o;
  }
}
