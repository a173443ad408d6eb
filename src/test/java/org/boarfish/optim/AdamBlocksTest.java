package org.boarfish.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Adam's two-thread update: parameters whose elements together pass {@link Adam#PARALLEL_MIN} are
 * cut into blocks that straddle parameter boundaries; every element still gets its own parameter's
 * AdamW update (its weight decay, its step count).
 */
class AdamBlocksTest {
  private static final int[] SIZES = {70_001, 3, Adam.BLOCK + 1, 40_000};

  @Test
  void blocksAcrossParametersMatchAPlainAdamW() {
    int total = 0;
    for (int n : SIZES) {
      total += n;
    }
    assertTrue(total >= Adam.PARALLEL_MIN, "the test must take the two-thread path");
    Generator gen = new Generator(11);
    List<Tensor> params = new ArrayList<>();
    List<double[]> ref = new ArrayList<>();
    for (int n : SIZES) {
      Tensor p = Tensor.randn(gen, n).detach().requiresGrad(true);
      params.add(p);
      ref.add(toDoubles(p.toFloatArray()));
    }
    double lr = 1e-2;
    double wd = 0.1;
    // parameter 1 has no weight decay, parameter 3 starts two steps late (its own step count)
    Adam opt = Adam.of(params).lr(lr).wd(wd).noWeightDecay(List.of(params.get(1))).build();
    double[][] m = new double[SIZES.length][];
    double[][] v = new double[SIZES.length][];
    int[] steps = new int[SIZES.length];
    for (int i = 0; i < SIZES.length; i++) {
      m[i] = new double[SIZES[i]];
      v[i] = new double[SIZES[i]];
    }
    for (int t = 1; t <= 6; t++) {
      for (int i = 0; i < SIZES.length; i++) {
        Tensor p = params.get(i);
        if (i == 3 && t <= 2) {
          p.setGrad(null);
          continue;
        }
        float[] g = Tensor.randn(gen, SIZES[i]).toFloatArray();
        p.setGrad(Tensor.of(g, SIZES[i]));
        int s = ++steps[i];
        double decay = i == 1 ? 1 : 1 - lr * wd;
        double[] r = ref.get(i);
        for (int k = 0; k < r.length; k++) {
          r[k] *= decay;
          m[i][k] = 0.9 * m[i][k] + 0.1 * g[k];
          v[i][k] = 0.99 * v[i][k] + 0.01 * g[k] * (double) g[k];
          r[k] -=
              lr
                  / (1 - Math.pow(0.9, s))
                  * m[i][k]
                  / (Math.sqrt(v[i][k]) / Math.sqrt(1 - Math.pow(0.99, s)) + 1e-5);
        }
      }
      opt.step();
    }
    for (int i = 0; i < SIZES.length; i++) {
      float[] got = params.get(i).toFloatArray();
      double[] r = ref.get(i);
      for (int k = 0; k < r.length; k++) {
        assertEquals(r[k], got[k], 1e-5 * (1 + Math.abs(r[k])), "param " + i + " element " + k);
      }
    }
  }

  @Test
  void twoThreadUpdateIsBitForBitTheOneThreadUpdate() {
    Generator gen = new Generator(12);
    List<Tensor> together = new ArrayList<>();
    List<Tensor> alone = new ArrayList<>();
    List<float[]> grads = new ArrayList<>();
    for (int n : new int[] {30_000, 30_000, 30_000}) {
      Tensor p = Tensor.randn(gen, n).detach();
      together.add(p.keep().requiresGrad(true));
      alone.add(p.keep().requiresGrad(true));
      grads.add(Tensor.randn(gen, n).toFloatArray());
    }
    // 90,000 elements together take the two-thread path; 30,000 alone stay on one thread
    Adam all = Adam.of(together).lr(1e-2).build();
    List<Adam> each = new ArrayList<>();
    for (Tensor p : alone) {
      each.add(Adam.of(List.of(p)).lr(1e-2).build());
    }
    for (int t = 0; t < 3; t++) {
      for (int i = 0; i < 3; i++) {
        together.get(i).setGrad(Tensor.of(grads.get(i), 30_000));
        alone.get(i).setGrad(Tensor.of(grads.get(i), 30_000));
        each.get(i).step();
      }
      all.step();
    }
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(alone.get(i).toFloatArray(), together.get(i).toFloatArray(), "param " + i);
    }
  }

  private static double[] toDoubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
