package org.boarfish.vision;

import java.util.Arrays;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;

/**
 * PyTorch's {@code F.affine_grid} and {@code F.grid_sample} with {@code align_corners=True} (what
 * fastai's augmentation uses), as plain Java loops over whole batches: bilinear or nearest
 * sampling, zeros / border / reflection padding. Grids hold {@code (x, y)} in [-1, 1], {@code x}
 * along the width.
 *
 * <pre>{@code
 * Tensor grid = GridSample.affineGrid(theta, 2, 28, 28);           // theta [2, 2, 3] -> [2, 28, 28, 2]
 * Tensor out = GridSample.gridSample(images, grid, GridSample.Mode.BILINEAR, PadMode.REFLECTION);
 * }</pre>
 */
public final class GridSample {
  /** The interpolation. */
  public enum Mode {
    /** Bilinear interpolation of the four neighbours. */
    BILINEAR,
    /** The nearest pixel (ties to even, as PyTorch), for masks. */
    NEAREST
  }

  private GridSample() {}

  /**
   * {@code F.affine_grid(theta, [B, C, h, w], align_corners=True)}: {@code theta} is {@code [B, 2,
   * 3]}; the result is {@code [B, h, w, 2]} float32.
   */
  public static Tensor affineGrid(Tensor theta, int b, int h, int w) {
    if (!Arrays.equals(theta.shape(), new long[] {b, 2, 3})) {
      throw new IllegalArgumentException(
          "affineGrid: theta must have shape ["
              + b
              + ", 2, 3], got "
              + Arrays.toString(theta.shape()));
    }
    return Tensor.of(affineGrid(theta.to(DType.FLOAT64).toDoubleArray(), b, h, w), b, h, w, 2);
  }

  /**
   * {@link #affineGrid(Tensor, int, int, int)} on arrays: {@code theta} holds {@code b} row-major
   * 2x3 matrices.
   */
  public static float[] affineGrid(double[] theta, int b, int h, int w) {
    float[] grid = new float[b * h * w * 2];
    for (int n = 0; n < b; n++) {
      int t = 6 * n;
      for (int i = 0; i < h; i++) {
        double y = base(i, h);
        for (int j = 0; j < w; j++) {
          double x = base(j, w);
          int o = ((n * h + i) * w + j) * 2;
          grid[o] = (float) (theta[t] * x + theta[t + 1] * y + theta[t + 2]);
          grid[o + 1] = (float) (theta[t + 3] * x + theta[t + 4] * y + theta[t + 5]);
        }
      }
    }
    return grid;
  }

  /** The normalised coordinate of pixel {@code i} of {@code n} with align_corners=True. */
  static double base(int i, int n) {
    return n <= 1 ? 0 : -1 + 2.0 * i / (n - 1);
  }

  /**
   * {@code F.grid_sample(input, grid, mode, padding_mode, align_corners=True)}: {@code input}
   * {@code [B, C, H, W]} (any float type), {@code grid} {@code [B, h, w, 2]}; the result is {@code
   * [B, C, h, w]} float32.
   */
  public static Tensor gridSample(Tensor input, Tensor grid, Mode mode, PadMode pad) {
    long[] s = input.shape();
    long[] g = grid.shape();
    if (s.length != 4 || g.length != 4 || g[0] != s[0] || g[3] != 2) {
      throw new IllegalArgumentException(
          "gridSample: expected input [B, C, H, W] and grid [B, h, w, 2], got "
              + Arrays.toString(s)
              + " and "
              + Arrays.toString(g));
    }
    int b = (int) s[0];
    int c = (int) s[1];
    int oh = (int) g[1];
    int ow = (int) g[2];
    float[] out =
        sample(
            input.to(DType.FLOAT32).toFloatArray(),
            b,
            c,
            (int) s[2],
            (int) s[3],
            grid.to(DType.FLOAT32).toFloatArray(),
            oh,
            ow,
            mode,
            pad);
    return Tensor.of(out, b, c, oh, ow);
  }

  /** {@link #gridSample} on arrays. */
  public static float[] sample(
      float[] src,
      int b,
      int c,
      int h,
      int w,
      float[] grid,
      int oh,
      int ow,
      Mode mode,
      PadMode pad) {
    float[] out = new float[b * c * oh * ow];
    int plane = h * w;
    int oplane = oh * ow;
    for (int n = 0; n < b; n++) {
      for (int p = 0; p < oplane; p++) {
        int gi = (n * oplane + p) * 2;
        double x = coord(grid[gi], w, pad);
        double y = coord(grid[gi + 1], h, pad);
        int obase = n * c * oplane + p;
        int ibase = n * c * plane;
        if (mode == Mode.NEAREST) {
          int ix = (int) Math.rint(x);
          int iy = (int) Math.rint(y);
          boolean in = ix >= 0 && ix < w && iy >= 0 && iy < h;
          int off = iy * w + ix;
          for (int ch = 0; ch < c; ch++) {
            out[obase + ch * oplane] = in ? src[ibase + ch * plane + off] : 0f;
          }
          continue;
        }
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        boolean x0in = x0 >= 0 && x0 < w;
        boolean x1in = x0 + 1 >= 0 && x0 + 1 < w;
        boolean y0in = y0 >= 0 && y0 < h;
        boolean y1in = y0 + 1 >= 0 && y0 + 1 < h;
        double w00 = (1 - fx) * (1 - fy);
        double w01 = fx * (1 - fy);
        double w10 = (1 - fx) * fy;
        double w11 = fx * fy;
        int o00 = y0 * w + x0;
        for (int ch = 0; ch < c; ch++) {
          int cb = ibase + ch * plane;
          double v = 0;
          if (y0in) {
            if (x0in) {
              v += w00 * src[cb + o00];
            }
            if (x1in) {
              v += w01 * src[cb + o00 + 1];
            }
          }
          if (y1in) {
            if (x0in) {
              v += w10 * src[cb + o00 + w];
            }
            if (x1in) {
              v += w11 * src[cb + o00 + w + 1];
            }
          }
          out[obase + ch * oplane] = (float) v;
        }
      }
    }
    return out;
  }

  /** The pixel coordinate of a normalised one, with the padding applied (align_corners=True). */
  static double coord(double g, int size, PadMode pad) {
    double x = (g + 1) / 2 * (size - 1);
    if (x >= 0 && x <= size - 1) {
      return x; // inside: no padding rule applies
    }
    if (pad == PadMode.BORDER) {
      return clip(x, size);
    }
    if (pad == PadMode.REFLECTION) {
      return clip(reflect(x, 0, 2.0 * (size - 1)), size);
    }
    return x;
  }

  private static double clip(double x, int size) {
    return Math.min(size - 1, Math.max(0, x));
  }

  private static double reflect(double x, double twiceLow, double twiceHigh) {
    if (twiceLow == twiceHigh) {
      return 0;
    }
    double min = twiceLow / 2;
    double span = (twiceHigh - twiceLow) / 2;
    x = Math.abs(x - min);
    double extra = x % span;
    int flips = (int) Math.floor(x / span);
    return flips % 2 == 0 ? extra + min : span - extra + min;
  }
}
