package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Off-heap memory stays flat over a long training run when each step runs in a {@link Scope}. */
class ScopeMemoryTest {

  @Test
  void residentMemoryStopsGrowingOverTenThousandSteps() {
    Generator gen = new Generator(1);
    Tensor w1 = Tensor.randn(gen, 64, 128).mul(0.1).requiresGrad(true);
    Tensor b1 = Tensor.zeros(64).requiresGrad(true);
    Tensor w2 = Tensor.randn(gen, 10, 64).mul(0.1).requiresGrad(true);
    Tensor b2 = Tensor.zeros(10).requiresGrad(true);
    Tensor[] params = {w1, b1, w2, b2};
    Tensor x = Tensor.randn(gen, 32, 128);
    Tensor y = Tensor.randint(gen, 0, 10, 32);
    long[] early = new long[3];
    long[] late = new long[3];
    double first = 0;
    double last = 0;
    for (int step = 1; step <= 10_000; step++) {
      try (Scope scope = Scope.open()) {
        Tensor loss = F.crossEntropy(F.linear(F.linear(x, w1, b1).relu(), w2, b2), y);
        loss.backward();
        try (Autograd.NoGrad ng = Autograd.noGrad()) {
          for (Tensor p : params) {
            p.data().subi(p.grad().data().mul(0.01));
            p.zeroGrad();
          }
        }
        last = loss.item();
        if (step == 1) {
          first = last;
        }
      }
      // three readings around step 2,000 and around step 10,000; the medians ignore one-off
      // allocator jitter (±4%)
      if (step == 1800 || step == 2000 || step == 2200) {
        early[(step - 1800) / 200] = org.boarfish.testing.Rss.settledKb();
      }
      if (step == 9600 || step == 9800 || step == 10_000) {
        late[(step - 9600) / 200] = org.boarfish.testing.Rss.settledKb();
      }
    }
    long rssAt2000 = median(early);
    long rssEnd = median(late);
    System.out.printf(
        "RSS after step 2,000: %d MB, after step 10,000: %d MB; loss %.4f -> %.4f%n",
        rssAt2000 / 1024, rssEnd / 1024, first, last);
    assertTrue(last < first, "training should reduce the loss");
    assertTrue(
        rssEnd <= rssAt2000 * 1.05, "RSS grew from " + rssAt2000 + " kB to " + rssEnd + " kB");
  }

  private static long median(long[] v) {
    long[] c = v.clone();
    java.util.Arrays.sort(c);
    return c[c.length / 2];
  }

  @Test
  void usingATensorAfterItsScopeClosedIsAClearError() {
    Tensor inside;
    try (Scope scope = Scope.open()) {
      inside = Tensor.ones(3).add(1);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, inside::item);
    assertTrue(e.getMessage().contains("keep()"), e.getMessage());
  }

  @Test
  void keptTensorsOutliveTheirScope() {
    Tensor kept;
    try (Scope scope = Scope.open()) {
      kept = Tensor.ones(3).mul(2).keep();
    }
    assertTrue(kept.sum().item() == 6.0);
  }
}
