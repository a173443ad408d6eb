package org.boarfish.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.boarfish.tensor.Tensor;

/**
 * The elements of one sample, or of one batch: the first {@link #nInp()} are inputs, the rest
 * targets. A sample {@code (TensorImage, Category)} collates into a batch {@code (TensorImage,
 * TensorCategory)}; a training loop reads a batch with {@link #x()} and {@link #y()} (or {@link
 * #xs()} and {@link #ys()} for several inputs or targets).
 *
 * <p>Plain transforms apply to each element on its own (those of types they don't handle pass
 * through); an {@link ItemTransform} sees the whole tuple.
 */
public final class Tuple implements Iterable<Object> {
  private final List<Object> elements;
  private final int nInp;

  /** A tuple whose first {@code nInp} elements are inputs. */
  public Tuple(List<?> elements, int nInp) {
    Objects.requireNonNull(elements, "elements");
    if (nInp < 0 || nInp > elements.size()) {
      throw new IllegalArgumentException(
          "nInp must be between 0 and the number of elements ("
              + elements.size()
              + "), got "
              + nInp);
    }
    this.elements = Collections.unmodifiableList(new ArrayList<>(elements));
    this.nInp = nInp;
  }

  /** A tuple of one input and any number of targets: {@code Tuple.of(x, y)}. */
  public static Tuple of(Object... elements) {
    return new Tuple(Arrays.asList(elements), Math.min(1, elements.length));
  }

  /** The element at position {@code i}. */
  public Object get(int i) {
    if (i < 0 || i >= elements.size()) {
      throw new IndexOutOfBoundsException(
          "element " + i + " of a tuple of " + elements.size() + ": " + this);
    }
    return elements.get(i);
  }

  /** The number of elements. */
  public int size() {
    return elements.size();
  }

  /** How many of the elements, from the start, are inputs. */
  public int nInp() {
    return nInp;
  }

  /** All elements. */
  public List<Object> elements() {
    return elements;
  }

  /** The input elements. */
  public List<Object> inputs() {
    return elements.subList(0, nInp);
  }

  /** The target elements. */
  public List<Object> targets() {
    return elements.subList(nInp, elements.size());
  }

  /** The tensor of element {@code i} (a {@link Tensor}, or the tensor of a {@link TensorItem}). */
  public Tensor tensor(int i) {
    Object o = get(i);
    if (o instanceof TensorItem t) {
      return t.tensor();
    }
    if (o instanceof Tensor t) {
      return t;
    }
    throw new IllegalStateException(
        "element "
            + i
            + " is "
            + Describe.of(o)
            + ", not a tensor; "
            + "collate the sample into a batch first (a DataLoader does), or add ToTensor");
  }

  /** The tensor of the first input. */
  public Tensor x() {
    if (nInp == 0) {
      throw new IllegalStateException("this tuple has no inputs: " + this);
    }
    return tensor(0);
  }

  /** The tensor of the first target. */
  public Tensor y() {
    if (nInp >= elements.size()) {
      throw new IllegalStateException(
          "this tuple has no targets (it has "
              + nInp
              + " input(s) and nothing after): "
              + this
              + "; a test loader built without labels has none");
    }
    return tensor(nInp);
  }

  /** The tensors of all inputs. */
  public List<Tensor> xs() {
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < nInp; i++) {
      out.add(tensor(i));
    }
    return out;
  }

  /** The tensors of all targets. */
  public List<Tensor> ys() {
    List<Tensor> out = new ArrayList<>();
    for (int i = nInp; i < elements.size(); i++) {
      out.add(tensor(i));
    }
    return out;
  }

  /** A tuple with {@code fn} applied to every element. */
  public Tuple map(UnaryOperator<Object> fn) {
    List<Object> out = new ArrayList<>(elements.size());
    for (Object o : elements) {
      out.add(fn.apply(o));
    }
    return new Tuple(out, nInp);
  }

  /** A tuple with element {@code i} replaced. */
  public Tuple with(int i, Object value) {
    List<Object> out = new ArrayList<>(elements);
    out.set(i, value);
    return new Tuple(out, nInp);
  }

  /** The first {@code n} elements, keeping {@code nInp} (capped at n). */
  public Tuple head(int n) {
    return new Tuple(elements.subList(0, Math.min(n, elements.size())), Math.min(nInp, n));
  }

  @Override
  public Iterator<Object> iterator() {
    return elements.iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tuple t && nInp == t.nInp && elements.equals(t.elements);
  }

  @Override
  public int hashCode() {
    return elements.hashCode() * 31 + nInp;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < elements.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(Describe.of(elements.get(i)));
    }
    return sb.append(')').toString();
  }
}
