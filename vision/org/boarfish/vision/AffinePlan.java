package org.boarfish.vision;

/**
 * The sampling of one batch by {@link AffineAugment}: per image a 2x3 affine matrix and an optional
 * perspective warp (3x3 homography) on the output grid, then a crop window (shared by the batch)
 * mapping into the source; all in [-1, 1] coordinates with align_corners=True.
 */
final class AffinePlan {
  final int batch;
  final int outH;
  final int outW;
  final double[][] mat; // per image, row-major 2x3
  final double[][] warp; // per image, row-major 3x3 or null
  final double ax;
  final double bx;
  final double ay;
  final double by;

  AffinePlan(
      int batch,
      int outH,
      int outW,
      double[][] mat,
      double[][] warp,
      double ax,
      double bx,
      double ay,
      double by) {
    this.batch = batch;
    this.outH = outH;
    this.outW = outW;
    this.mat = mat;
    this.warp = warp;
    this.ax = ax;
    this.bx = bx;
    this.ay = ay;
    this.by = by;
  }

  /** The sampling grid {@code [B, outH, outW, 2]} in source coordinates. */
  float[] grid() {
    float[] g = new float[batch * outH * outW * 2];
    double[] us = new double[outW];
    for (int j = 0; j < outW; j++) {
      us[j] = GridSample.base(j, outW);
    }
    for (int n = 0; n < batch; n++) {
      double[] m = mat[n];
      double[] h = warp[n];
      int o = n * outH * outW * 2;
      for (int i = 0; i < outH; i++) {
        double v = GridSample.base(i, outH);
        double px0 = m[1] * v + m[2];
        double py0 = m[4] * v + m[5];
        for (int j = 0; j < outW; j++, o += 2) {
          double x = m[0] * us[j] + px0;
          double y = m[3] * us[j] + py0;
          if (h != null) {
            double d = h[6] * x + h[7] * y + h[8];
            if (d != 0) {
              double nx = (h[0] * x + h[1] * y + h[2]) / d;
              y = (h[3] * x + h[4] * y + h[5]) / d;
              x = nx;
            }
          }
          g[o] = (float) (ax * x + bx);
          g[o + 1] = (float) (ay * y + by);
        }
      }
    }
    return g;
  }

  /** Points {@code [B, k, 2]} of the source moved to where the image moved them. */
  float[] points(float[] src, int k) {
    float[] out = new float[src.length];
    double[] p = new double[2];
    for (int n = 0; n < batch; n++) {
      double[] inv = invertAffine(mat[n]);
      double[] hinv = warp[n] == null ? null : invert3(warp[n]);
      for (int q = 0; q < k; q++) {
        int o = (n * k + q) * 2;
        p[0] = ax == 0 ? 0 : (src[o] - bx) / ax;
        p[1] = ay == 0 ? 0 : (src[o + 1] - by) / ay;
        if (hinv != null) {
          perspective(hinv, p);
        }
        double x = inv[0] * p[0] + inv[1] * p[1] + inv[2];
        double y = inv[3] * p[0] + inv[4] * p[1] + inv[5];
        out[o] = (float) x;
        out[o + 1] = (float) y;
      }
    }
    return out;
  }

  static void perspective(double[] h, double[] p) {
    double x = p[0];
    double y = p[1];
    double d = h[6] * x + h[7] * y + h[8];
    if (d == 0) {
      return;
    }
    p[0] = (h[0] * x + h[1] * y + h[2]) / d;
    p[1] = (h[3] * x + h[4] * y + h[5]) / d;
  }

  static double[] invertAffine(double[] m) {
    double det = m[0] * m[4] - m[1] * m[3];
    double a = m[4] / det;
    double b = -m[1] / det;
    double c = -m[3] / det;
    double d = m[0] / det;
    return new double[] {a, b, -(a * m[2] + b * m[5]), c, d, -(c * m[2] + d * m[5])};
  }

  static double[] invert3(double[] m) {
    double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
    double co0 = e * i - f * h;
    double co1 = -(d * i - f * g);
    double co2 = d * h - e * g;
    double det = a * co0 + b * co1 + c * co2;
    return new double[] {
      co0 / det, -(b * i - c * h) / det, (b * f - c * e) / det,
      co1 / det, (a * i - c * g) / det, -(a * f - c * d) / det,
      co2 / det, -(a * h - b * g) / det, (a * e - b * d) / det
    };
  }

  /**
   * The homography {@code H} with {@code H(from[k]) = to[k]} for four point pairs ({@code x, y}
   * each), normalised so that {@code H[8] = 1}: fastai's {@code find_coeffs}.
   */
  static double[] homography(double[][] from, double[][] to) {
    double[][] a = new double[8][9];
    for (int k = 0; k < 4; k++) {
      double x = from[k][0];
      double y = from[k][1];
      double u = to[k][0];
      double v = to[k][1];
      a[2 * k] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
      a[2 * k + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
    }
    for (int col = 0; col < 8; col++) {
      int piv = col;
      for (int r = col + 1; r < 8; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      double[] t = a[col];
      a[col] = a[piv];
      a[piv] = t;
      for (int r = 0; r < 8; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c < 9; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] h = new double[9];
    for (int r = 0; r < 8; r++) {
      h[r] = a[r][8] / a[r][r];
    }
    h[8] = 1;
    return h;
  }
}
