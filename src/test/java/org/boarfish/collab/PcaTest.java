package org.boarfish.collab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** PCA against torch.svd (fastai's Tensor.pca), and cosine similarity. */
class PcaTest {
  @Test
  void projectionsMatchFastaisPca() {
    JsonNode p = CollabFixtures.json().get("pca");
    int rows = p.get("rows").asInt();
    int cols = p.get("cols").asInt();
    double[] flat = CollabFixtures.doubles(p.get("x"));
    double[][] x = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(flat, i * cols, x[i], 0, cols);
    }
    Pca pca = Pca.of(x, 3);
    double[] proj = CollabFixtures.doubles(p.get("proj"));
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < 3; k++) {
        assertEquals(proj[i * 3 + k], pca.projections()[i][k], 1e-9, "row " + i + " pc " + k);
      }
    }
    assertArrayEquals(CollabFixtures.doubles(p.get("variances")), pca.variances(), 1e-9);
    // orthonormal directions
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        double dot = 0;
        for (int j = 0; j < cols; j++) {
          dot += pca.components()[a][j] * pca.components()[b][j];
        }
        assertEquals(a == b ? 1 : 0, dot, 1e-12);
      }
    }
  }

  @Test
  void knownAxes() {
    // points spread along x (variance 4·...) then y, none along z
    double[][] x = {{2, 0, 0}, {-2, 0, 0}, {0, 1, 0}, {0, -1, 0}};
    Pca pca = Pca.of(x, 2);
    assertArrayEquals(new double[] {1, 0, 0}, pca.components()[0], 1e-12);
    assertArrayEquals(new double[] {0, 1, 0}, pca.components()[1], 1e-12);
    assertArrayEquals(new double[] {8.0 / 3, 2.0 / 3}, pca.variances(), 1e-12);
    assertEquals(-2, pca.projections()[1][0], 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Pca.of(x, 4));
  }

  @Test
  void cosineSimilarity() {
    float[] m = {0, 0, 1, 0, 2, 0, 1, 1, -1, 0};
    double[] s = CollabInterpretation.cosine(m, 5, 2, 1);
    assertEquals(0, s[0], 1e-12, "a zero row has similarity 0");
    assertEquals(1, s[1], 1e-12);
    assertEquals(1, s[2], 1e-12, "same direction, other length");
    assertEquals(Math.sqrt(0.5), s[3], 1e-7);
    assertEquals(-1, s[4], 1e-12);
  }
}
