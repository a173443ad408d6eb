package org.boarfish.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Adam's chunked float32 update: parameters longer than a chunk and not a multiple of it match a
 * plain double-precision AdamW, and subnormal averages are flushed to zero on the flush steps.
 */
class AdamChunkTest {
  @Test
  void chunkedUpdateMatchesAPlainAdamW() {
    int n = 2 * Buffers.CHUNK + 357;
    Generator gen = new Generator(5);
    Tensor p = Tensor.randn(gen, n).detach().requiresGrad(true);
    double[] ref = toDoubles(p.toFloatArray());
    double[] m = new double[n];
    double[] v = new double[n];
    double lr = 1e-2;
    double wd = 0.1;
    Adam opt = Adam.of(List.of(p)).lr(lr).wd(wd).build();
    for (int t = 1; t <= 20; t++) {
      float[] g = Tensor.randn(gen, n).toFloatArray();
      p.setGrad(Tensor.of(g, n));
      opt.step();
      for (int k = 0; k < n; k++) {
        ref[k] *= 1 - lr * wd;
        m[k] = 0.9 * m[k] + 0.1 * g[k];
        v[k] = 0.99 * v[k] + 0.01 * g[k] * (double) g[k];
        double step = lr / (1 - Math.pow(0.9, t));
        ref[k] -= step * m[k] / (Math.sqrt(v[k]) / Math.sqrt(1 - Math.pow(0.99, t)) + 1e-5);
      }
    }
    float[] got = p.toFloatArray();
    for (int k = 0; k < n; k++) {
      assertEquals(ref[k], got[k], 1e-5 * (1 + Math.abs(ref[k])), "element " + k);
    }
  }

  @Test
  void subnormalAveragesAreFlushedToZero() {
    Tensor p = Tensor.of(new float[] {1f, 1f}, 2).requiresGrad(true);
    Adam opt = Adam.of(List.of(p)).wd(0).build();
    p.setGrad(Tensor.of(new float[] {1e-30f, 1f}, 2));
    opt.step();
    p.setGrad(Tensor.of(new float[] {0f, 0f}, 2));
    // grad_avg of element 0 decays by 0.9 a step from 1e-31 and is subnormal from about step 155
    for (int t = 2; t <= 200; t++) {
      opt.step();
    }
    Map<String, Tensor> state = opt.stateDict();
    float[] m = state.get("state.0.0.grad_avg").toFloatArray();
    assertEquals(0f, m[0], "flushed on step 193");
    assertTrue(m[1] >= Float.MIN_NORMAL, "a normal average is kept: " + m[1]);
  }

  private static double[] toDoubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
