package org.boarfish.vision;

import org.boarfish.data.RandTransform;
import org.boarfish.data.Split;
import org.boarfish.data.TensorImage;
import org.boarfish.data.TensorItem;
import org.boarfish.data.TensorMask;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;

/**
 * The geometric half of {@link AugTransforms}: flip (or dihedral), rotation, zoom and perspective
 * warp, drawn per image, composed with the presizing crop and the final resize into <b>one</b>
 * resampling of the whole batch (fastai's merged {@code AffineCoordTfm}, order 30). Images are
 * sampled bilinearly, masks ({@link TensorMask}) with nearest neighbour, and points ({@link
 * TensorPoints}) are moved by the inverse transform, all with the same draw. On the validation
 * split the matrix is the identity: only the centre crop (presizing) and the resize happen.
 */
public final class AffineAugment extends RandTransform<TensorItem, TensorItem, AffineAugment.Draw> {
  private final AugTransforms.Builder s;

  /** The random state of one batch: a seed for the per-image draws and the crop's numbers. */
  public static final class Draw {
    final long seed;
    final double[] crop;
    final boolean valid;
    AffinePlan plan;

    Draw(long seed, double[] crop, boolean valid) {
      this.seed = seed;
      this.crop = crop;
      this.valid = valid;
    }
  }

  AffineAugment(AugTransforms.Builder settings) {
    super(TensorItem.class, TensorItem.class, 1.0);
    this.s = settings;
  }

  AugTransforms.Builder settings() {
    return s;
  }

  @Override
  public boolean handles(Object x) {
    return x instanceof TensorImage || x instanceof TensorMask || x instanceof TensorPoints;
  }

  @Override
  public boolean handlesDecoded(Object y) {
    return false;
  }

  @Override
  public Split split() {
    return Split.ALL;
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  protected Draw draw(Generator rng, Split split) {
    long seed = rng.nextLong(Long.MIN_VALUE, Long.MAX_VALUE);
    double[] crop = new double[40];
    for (int i = 0; i < crop.length; i++) {
      crop[i] = rng.nextDouble();
    }
    return new Draw(seed, crop, split == Split.VALID);
  }

  @Override
  protected TensorItem encode(TensorItem x, Draw d) {
    Tensor t = x.tensor();
    long[] sh = t.shape();
    if (x instanceof TensorPoints) {
      if (d.plan == null) {
        throw new IllegalStateException(
            "AffineAugment: points need the image of their sample to come first in the batch tuple");
      }
      if (sh.length != 3 || sh[0] != d.plan.batch) {
        throw new IllegalArgumentException(
            "AffineAugment: expected points [B, n, 2], got " + java.util.Arrays.toString(sh));
      }
      float[] moved = d.plan.points(t.to(DType.FLOAT32).toFloatArray(), (int) sh[1]);
      return x.withTensor(Tensor.of(moved, sh));
    }
    boolean mask = x instanceof TensorMask;
    int dims = mask ? 3 : 4;
    if (sh.length != dims) {
      throw new IllegalArgumentException(
          "AffineAugment works on batches: expected "
              + (mask ? "a mask batch [B, H, W]" : "an image batch [B, C, H, W]")
              + ", got shape "
              + java.util.Arrays.toString(sh)
              + " (put augTransforms in batchTfms, not itemTfms)");
    }
    int b = (int) sh[0];
    int c = mask ? 1 : (int) sh[1];
    int h = (int) sh[dims - 2];
    int w = (int) sh[dims - 1];
    if (d.plan == null || d.plan.batch != b) {
      d.plan = plan(d, b, h, w);
    }
    AffinePlan p = d.plan;
    float[] grid = p.grid();
    GridSample.Mode mode = mask ? GridSample.Mode.NEAREST : s.mode;
    float[] out =
        GridSample.sample(
            t.to(DType.FLOAT32).toFloatArray(), b, c, h, w, grid, p.outH, p.outW, mode, s.padMode);
    if (mask) {
      long[] codes = new long[out.length];
      for (int i = 0; i < out.length; i++) {
        codes[i] = Math.round(out[i]);
      }
      return x.withTensor(Tensor.of(codes, b, p.outH, p.outW));
    }
    return x.withTensor(Tensor.of(out, b, c, p.outH, p.outW));
  }

  AffinePlan plan(Draw d, int b, int h, int w) {
    int oh = s.height > 0 ? s.height : h;
    int ow = s.width > 0 ? s.width : w;
    // the presizing crop (fastai's RandomResizedCropGPU with ratio 1), one per batch
    int cx = 0;
    int cy = 0;
    int cw = w;
    int ch = h;
    if (s.minScale < 1 && s.height > 0) {
      int[] win = presizeCrop(d, w, h);
      cx = win[0];
      cy = win[1];
      cw = win[2];
      ch = win[3];
    }
    double ax = w > 1 ? (cw - 1.0) / (w - 1) : 0;
    double bx = w > 1 ? (2.0 * cx + cw - 1) / (w - 1) - 1 : 0;
    double ay = h > 1 ? (ch - 1.0) / (h - 1) : 0;
    double by = h > 1 ? (2.0 * cy + ch - 1) / (h - 1) - 1 : 0;
    double[][] mat = new double[b][];
    double[][] warp = new double[b][];
    Generator g = new Generator(d.seed);
    for (int n = 0; n < b; n++) {
      if (d.valid) {
        mat[n] = new double[] {1, 0, 0, 0, 1, 0};
        continue;
      }
      if (s.batch && n > 0) {
        mat[n] = mat[0];
        warp[n] = warp[0];
        continue;
      }
      double[] m = identity();
      // draws in a fixed order so that every element of the batch tuple sees the same numbers
      double uFlip = g.nextDouble();
      double uDihedral = g.nextDouble();
      double uWarp = g.nextDouble();
      double wx = uniform(g, -s.maxWarp, s.maxWarp);
      double wy = uniform(g, -s.maxWarp, s.maxWarp);
      double uRot = g.nextDouble();
      double deg = uniform(g, -s.maxRotate, s.maxRotate);
      double uZoom = g.nextDouble();
      double zoom = uniform(g, s.minZoom, s.maxZoom);
      double zx = g.nextDouble();
      double zy = g.nextDouble();
      if (s.flipVert) {
        if (uFlip < 0.5) {
          m = mul(m, dihedral((int) (uDihedral * 8)));
        }
      } else if (s.doFlip && uFlip < 0.5) {
        m = mul(m, new double[] {-1, 0, 0, 0, 1, 0, 0, 0, 1});
      }
      if (s.maxRotate > 0 && uRot < s.pAffine) {
        double th = Math.toRadians(deg);
        m =
            mul(
                m,
                new double[] {
                  Math.cos(th), Math.sin(th), 0, -Math.sin(th), Math.cos(th), 0, 0, 0, 1
                });
      }
      if ((s.minZoom < 1 || s.maxZoom > 1) && uZoom < s.pAffine) {
        double sc = 1 / zoom;
        m =
            mul(
                m,
                new double[] {
                  sc, 0, (1 - sc) * (2 * zx - 1), 0, sc, (1 - sc) * (2 * zy - 1), 0, 0, 1
                });
      }
      m[1] *= (double) ch / cw;
      m[3] *= (double) cw / ch;
      mat[n] = new double[] {m[0], m[1], m[2], m[3], m[4], m[5]};
      if (s.maxWarp > 0 && uWarp < s.pAffine) {
        double[][] orig = {{-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
        double[][] targ = {
          {-1 - wy, -1 - wx}, {-1 + wy, 1 + wx}, {1 + wy, -1 + wx}, {1 - wy, 1 - wx}
        };
        warp[n] = AffinePlan.homography(targ, orig);
      }
    }
    return new AffinePlan(b, oh, ow, mat, warp, ax, bx, ay, by);
  }

  private int[] presizeCrop(Draw d, int w, int h) {
    double[] u = d.crop;
    if (!d.valid) {
      for (int t = 0; t < 10; t++) {
        double area = (s.minScale + u[4 * t] * (1 - s.minScale)) * w * h;
        int nw = (int) Math.rint(Math.sqrt(area));
        int nh = nw;
        if (nw <= w && nh <= h) {
          return new int[] {
            (int) Math.floor(u[4 * t + 2] * (w - nw + 1)),
            (int) Math.floor(u[4 * t + 3] * (h - nh + 1)),
            nw,
            nh
          };
        }
      }
    }
    int side = Math.min(w, h);
    return new int[] {(w - side) / 2, (h - side) / 2, side, side};
  }

  private static double uniform(Generator g, double lo, double hi) {
    return lo + g.nextDouble() * (hi - lo);
  }

  private static double[] identity() {
    return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
  }

  private static double[] dihedral(int k) {
    double sx = (k & 1) != 0 ? -1 : 1;
    double sy = (k & 2) != 0 ? -1 : 1;
    if ((k & 4) != 0) {
      return new double[] {0, sx, 0, sy, 0, 0, 0, 0, 1};
    }
    return new double[] {sx, 0, 0, 0, sy, 0, 0, 0, 1};
  }

  private static double[] mul(double[] a, double[] b) {
    double[] c = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
      }
    }
    return c;
  }

  @Override
  public String name() {
    return "AffineAugment(" + s.describeAffine() + ")";
  }
}
