package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The blocked inference chain ({@link Blocked}): layout round trip, max pooling, and a convolution
 * with a folded batch norm, residual sum and ReLU, each against the same ops in float64 through the
 * ordinary (autograd) path.
 */
class BlockedTest {
  private static Tensor rand32(long seed, long... shape) {
    return ConvPoolReference.rand(seed, shape).to(DType.FLOAT32);
  }

  private static void close(Tensor expected, Tensor actual, double tol) {
    assertArrayEquals(expected.shape(), actual.shape());
    ConvPoolReference.assertClose("blocked", expected.toDoubleArray(), actual.toDoubleArray(), tol);
  }

  @Test
  void roundTripKeepsEveryValue() {
    Tensor x = rand32(1, 2, 32, 5, 3);
    close(x, Blocked.of(x).toTensor(), 0);
  }

  @Test
  void maxPoolMatchesF() {
    Tensor x = rand32(2, 3, 16, 9, 8);
    Tensor expected =
        F.maxPool2d(
            x, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, false);
    Tensor actual =
        Blocked.of(x).maxPool2d(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}).toTensor();
    close(expected, actual, 0);
  }

  @Test
  void fusedConvMatchesTheSeparateOps() {
    Tensor x = rand32(3, 2, 16, 7, 6);
    Tensor w = rand32(4, 32, 16, 3, 3);
    Tensor b = rand32(5, 32);
    Tensor scale = rand32(6, 32);
    Tensor shift = rand32(7, 32);
    Tensor residual = rand32(8, 2, 32, 4, 3);
    int[] s = {2, 2};
    int[] p = {1, 1};
    int[] d = {1, 1};
    Tensor x64 = x.to(DType.FLOAT64);
    Tensor conv = F.conv2d(x64, w.to(DType.FLOAT64), b.to(DType.FLOAT64), s, p, d, 1);
    Tensor affine =
        conv.mul(scale.to(DType.FLOAT64).reshape(1, 32, 1, 1))
            .add(shift.to(DType.FLOAT64).reshape(1, 32, 1, 1));
    Tensor expected = F.relu(affine.add(residual.to(DType.FLOAT64)));
    Blocked r = Blocked.of(residual);
    Tensor actual = Blocked.of(x).conv(w, b, s, p, d, scale, shift, r, true).toTensor();
    close(expected, actual, 1e-4);
    // without residual and ReLU, from a plain input with few channels (the stem's case)
    Tensor x3 = rand32(9, 2, 3, 11, 10);
    Tensor w3 = rand32(10, 32, 3, 5, 5);
    Tensor plain =
        F.conv2d(x3.to(DType.FLOAT64), w3.to(DType.FLOAT64), null, s, new int[] {2, 2}, d, 1)
            .mul(scale.to(DType.FLOAT64).reshape(1, 32, 1, 1))
            .add(shift.to(DType.FLOAT64).reshape(1, 32, 1, 1));
    close(
        plain,
        Blocked.conv(x3, w3, null, s, new int[] {2, 2}, d, scale, shift, false).toTensor(),
        1e-5);
  }

  @Test
  void refusesWhatItCannotHold() {
    assertFalse(Blocked.fits(new long[] {1, 3, 4, 4}));
    assertThrows(IllegalArgumentException.class, () -> Blocked.of(rand32(13, 1, 3, 4, 4)));
    Tensor p = rand32(14, 16).requiresGrad(true);
    assertFalse(Blocked.usable(p), "a tensor needing a gradient under autograd");
    try (Autograd.NoGrad g = Autograd.noGrad()) {
      assertTrue(Blocked.usable(p));
    }
    assertFalse(Blocked.usable(ConvPoolReference.rand(15, 16)), "float64");
  }
}
