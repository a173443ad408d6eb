package org.boarfish.nn;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.tensor.Tensor;

/**
 * {@code nn.ReplicationPad2d}: pads the last two dimensions of {@code [B, C, H, W]} by repeating
 * the edge rows and columns, {@code left, right, top, bottom} of them. Built from slices and
 * concatenation, so autograd sums the gradient of each copy back into its edge.
 */
public class ReplicationPad2d extends Module {
  private final int left;
  private final int right;
  private final int top;
  private final int bottom;

  /** Pads {@code left, right, top, bottom} pixels (PyTorch's order). */
  public ReplicationPad2d(int left, int right, int top, int bottom) {
    if (left < 0 || right < 0 || top < 0 || bottom < 0) {
      throw new IllegalArgumentException(
          "ReplicationPad2d sizes must be >= 0, got " + extraRepr(left, right, top, bottom));
    }
    this.left = left;
    this.right = right;
    this.top = top;
    this.bottom = bottom;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() != 4) {
      throw new IllegalArgumentException(
          "ReplicationPad2d expects [B, C, H, W], got shape "
              + java.util.Arrays.toString(x.shape()));
    }
    return pad(pad(x, 2, top, bottom), 3, left, right);
  }

  private static Tensor pad(Tensor x, int dim, int before, int after) {
    if (before == 0 && after == 0) {
      return x;
    }
    long n = x.size(dim);
    List<Tensor> parts = new ArrayList<>();
    Tensor first = x.slice(dim, 0, 1);
    Tensor last = x.slice(dim, n - 1, n);
    for (int i = 0; i < before; i++) {
      parts.add(first);
    }
    parts.add(x);
    for (int i = 0; i < after; i++) {
      parts.add(last);
    }
    return Tensor.cat(parts, dim);
  }

  @Override
  protected String extraRepr() {
    return extraRepr(left, right, top, bottom);
  }

  private static String extraRepr(int l, int r, int t, int b) {
    return "(" + l + ", " + r + ", " + t + ", " + b + ")";
  }
}
