package org.boarfish.collab;

/**
 * Principal component analysis of the rows of a matrix, as fastai's {@code Tensor.pca(k)}: the rows
 * are centred, the principal directions are the eigenvectors of {@code XᵀX} with the largest
 * eigenvalues (cyclic Jacobi rotations, in double precision), and each row is projected onto the
 * first {@code k}. Each direction's sign is fixed so that its largest-magnitude entry is positive
 * (SVD leaves it arbitrary).
 *
 * @param components the directions, {@code [k][d]}
 * @param variances the variance along each direction (eigenvalue / (n − 1)), descending
 * @param projections each row's coordinates, {@code [n][k]}
 */
public record Pca(double[][] components, double[] variances, double[][] projections) {

  /** The first {@code k} principal components of the rows of {@code x} ({@code [n][d]}). */
  public static Pca of(double[][] x, int k) {
    int n = x.length;
    if (n < 2) {
      throw new IllegalArgumentException("PCA needs at least 2 rows, got " + n);
    }
    int d = x[0].length;
    if (k < 1 || k > d) {
      throw new IllegalArgumentException(
          "PCA: k must be in 1.." + d + " (the number of columns), got " + k);
    }
    double[] mean = new double[d];
    for (double[] row : x) {
      if (row.length != d) {
        throw new IllegalArgumentException(
            "PCA: rows of different lengths " + d + " and " + row.length);
      }
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    double[][] c = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        c[i][j] = x[i][j] - mean[j];
      }
    }
    double[][] cov = new double[d][d];
    for (double[] row : c) {
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          cov[a][b] += row[a] * row[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        cov[a][b] = cov[b][a];
      }
    }
    double[][] vec = new double[d][d];
    double[] val = jacobi(cov, vec);
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (p, q) -> Double.compare(val[q], val[p]));
    double[][] comps = new double[k][d];
    double[] vars = new double[k];
    for (int m = 0; m < k; m++) {
      int col = order[m];
      int big = 0;
      for (int j = 0; j < d; j++) {
        comps[m][j] = vec[j][col];
        if (Math.abs(comps[m][j]) > Math.abs(comps[m][big])) {
          big = j;
        }
      }
      if (comps[m][big] < 0) {
        for (int j = 0; j < d; j++) {
          comps[m][j] = -comps[m][j];
        }
      }
      vars[m] = Math.max(0, val[col]) / (n - 1);
    }
    double[][] proj = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < k; m++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += c[i][j] * comps[m][j];
        }
        proj[i][m] = s;
      }
    }
    return new Pca(comps, vars, proj);
  }

  /**
   * Eigenvalues of the symmetric matrix {@code a} (destroyed); eigenvectors into the columns of
   * {@code v}.
   */
  private static double[] jacobi(double[][] a, double[][] v) {
    int d = a.length;
    for (int i = 0; i < d; i++) {
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double diag = 0;
      for (int p = 0; p < d; p++) {
        diag += a[p][p] * a[p][p];
        for (int q = p + 1; q < d; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off <= 1e-30 * Math.max(diag, 1e-300)) {
        break;
      }
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double cs = 1 / Math.sqrt(t * t + 1);
          double sn = t * cs;
          for (int r = 0; r < d; r++) {
            double arp = a[r][p];
            double arq = a[r][q];
            a[r][p] = cs * arp - sn * arq;
            a[r][q] = sn * arp + cs * arq;
          }
          for (int r = 0; r < d; r++) {
            double apr = a[p][r];
            double aqr = a[q][r];
            a[p][r] = cs * apr - sn * aqr;
            a[q][r] = sn * apr + cs * aqr;
          }
          for (int r = 0; r < d; r++) {
            double vrp = v[r][p];
            double vrq = v[r][q];
            v[r][p] = cs * vrp - sn * vrq;
            v[r][q] = sn * vrp + cs * vrq;
          }
        }
      }
    }
    double[] out = new double[d];
    for (int i = 0; i < d; i++) {
      out[i] = a[i][i];
    }
    return out;
  }
}
