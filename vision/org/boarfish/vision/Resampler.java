package org.boarfish.vision;

/**
 * Resampling of a window of an image to a new size, as PIL's {@code resize(size, resample, box)} on
 * the image padded as needed: bilinear with PIL's antialiasing (the triangle filter widened by the
 * downscaling factor, separable) for images, nearest for masks. The window may reach past the
 * image; the pixels out there come from the pad mode.
 */
final class Resampler {
  private Resampler() {}

  /** Taps of each output position along one axis: source indices (-1 = zero) and weights. */
  private record Taps(int[][] index, double[][] weight) {}

  /**
   * Bilinear (antialiased) resampling of the window {@code [x0, x1) x [y0, y1)} of a {@code [c, h,
   * w]} image to {@code outH x outW}, rounded to 0..255.
   */
  static int[] bilinear(int[] src, int c, int h, int w, Window win, PadMode pad) {
    Taps tx = taps(w, win.x0(), win.x1(), win.outW(), pad);
    Taps ty = taps(h, win.y0(), win.y1(), win.outH(), pad);
    int ow = win.outW();
    int oh = win.outH();
    double[] tmp = new double[h * ow];
    int[] out = new int[c * oh * ow];
    for (int ch = 0; ch < c; ch++) {
      int base = ch * h * w;
      for (int y = 0; y < h; y++) {
        int row = base + y * w;
        for (int x = 0; x < ow; x++) {
          int[] ix = tx.index[x];
          double[] wx = tx.weight[x];
          double s = 0;
          for (int k = 0; k < ix.length; k++) {
            if (ix[k] >= 0) {
              s += wx[k] * src[row + ix[k]];
            }
          }
          tmp[y * ow + x] = s;
        }
      }
      int obase = ch * oh * ow;
      for (int y = 0; y < oh; y++) {
        int[] iy = ty.index[y];
        double[] wy = ty.weight[y];
        for (int x = 0; x < ow; x++) {
          double s = 0;
          for (int k = 0; k < iy.length; k++) {
            if (iy[k] >= 0) {
              s += wy[k] * tmp[iy[k] * ow + x];
            }
          }
          long r = Math.round(s);
          out[obase + y * ow + x] = (int) Math.max(0, Math.min(255, r));
        }
      }
    }
    return out;
  }

  /** Nearest-neighbour resampling of a window of a {@code [h, w]} code array (masks). */
  static int[] nearest(int[] src, int h, int w, Window win, PadMode pad) {
    int ow = win.outW();
    int oh = win.outH();
    int[] xs = new int[ow];
    double sx = (win.x1() - win.x0()) / ow;
    for (int x = 0; x < ow; x++) {
      xs[x] = map((int) Math.floor(win.x0() + (x + 0.5) * sx), w, pad);
    }
    double sy = (win.y1() - win.y0()) / oh;
    int[] out = new int[oh * ow];
    for (int y = 0; y < oh; y++) {
      int sy0 = map((int) Math.floor(win.y0() + (y + 0.5) * sy), h, pad);
      for (int x = 0; x < ow; x++) {
        out[y * ow + x] = sy0 < 0 || xs[x] < 0 ? 0 : src[sy0 * w + xs[x]];
      }
    }
    return out;
  }

  /** Points {@code x, y, ...} in pixels moved into the output of the window. */
  static float[] points(float[] xy, Window win) {
    float[] out = new float[xy.length];
    double sx = win.outW() / (win.x1() - win.x0());
    double sy = win.outH() / (win.y1() - win.y0());
    for (int i = 0; i < xy.length; i += 2) {
      out[i] = (float) ((xy[i] - win.x0()) * sx);
      out[i + 1] = (float) ((xy[i + 1] - win.y0()) * sy);
    }
    return out;
  }

  private static Taps taps(int n, double b0, double b1, int out, PadMode pad) {
    double scale = (b1 - b0) / out;
    double filterScale = Math.max(scale, 1.0);
    double support = filterScale; // the triangle filter's support is 1
    int lo = (int) Math.min(0, Math.floor(b0));
    int hi = (int) Math.max(n, Math.ceil(b1));
    int[][] index = new int[out][];
    double[][] weight = new double[out][];
    for (int i = 0; i < out; i++) {
      double center = b0 + (i + 0.5) * scale;
      int jmin = Math.max(lo, (int) Math.floor(center - support + 0.5));
      int jmax = Math.min(hi, (int) Math.floor(center + support + 0.5));
      int m = Math.max(0, jmax - jmin);
      int[] ix = new int[m];
      double[] wt = new double[m];
      double total = 0;
      for (int k = 0; k < m; k++) {
        int j = jmin + k;
        double d = Math.abs((j + 0.5 - center) / filterScale);
        double v = d < 1 ? 1 - d : 0;
        ix[k] = map(j, n, pad);
        wt[k] = v;
        total += v;
      }
      if (total > 0) {
        for (int k = 0; k < m; k++) {
          wt[k] /= total;
        }
      }
      index[i] = ix;
      weight[i] = wt;
    }
    return new Taps(index, weight);
  }

  /** A source index for {@code j}, which may lie outside [0, n): -1 means a zero pixel. */
  static int map(int j, int n, PadMode pad) {
    if (j >= 0 && j < n) {
      return j;
    }
    switch (pad) {
      case ZEROS:
        return -1;
      case BORDER:
        return j < 0 ? 0 : n - 1;
      default:
        if (n == 1) {
          return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(j, period);
        return m < n ? m : period - m;
    }
  }
}
