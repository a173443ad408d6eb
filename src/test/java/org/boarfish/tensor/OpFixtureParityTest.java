package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op case of the PyTorch fixtures: values of every output and gradients of every float input
 * (the vector-Jacobian product with the fixture's upstream arrays), within the case's tolerance.
 */
class OpFixtureParityTest {
  private static final AtomicInteger PASSED = new AtomicInteger();
  private static final AtomicInteger TOTAL = new AtomicInteger();

  @TestFactory
  Stream<DynamicTest> pytorchOpCases() {
    List<Fixtures.Case> cases = Fixtures.opCases();
    TOTAL.set(cases.size());
    return cases.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      check(c);
                      PASSED.incrementAndGet();
                    }));
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "PyTorch fixture parity: %d of %d op cases passed%n", PASSED.get(), TOTAL.get());
  }

  static void check(Fixtures.Case c) {
    Map<String, Tensor> in = c.loadInputs();
    for (Map.Entry<String, Tensor> e : in.entrySet()) {
      if (c.grads().containsKey(e.getKey())) {
        e.getValue().requiresGrad(true);
      }
    }
    Map<String, Tensor> out = OpEvaluator.run(c, in);
    for (Map.Entry<String, String> e : c.outputs().entrySet()) {
      Tensor got = out.get(e.getKey());
      assertNotNull(got, c.name() + ": missing output " + e.getKey());
      assertClose(c, "output " + e.getKey(), Fixtures.load(e.getValue()), got);
    }
    if (c.grads().isEmpty()) {
      return;
    }
    Tensor total = null;
    for (Map.Entry<String, String> e : c.upstream().entrySet()) {
      Tensor term = out.get(e.getKey()).mul(Fixtures.load(e.getValue())).sum();
      total = total == null ? term : total.add(term);
    }
    total.backward();
    for (Map.Entry<String, String> e : c.grads().entrySet()) {
      Tensor g = in.get(e.getKey()).grad();
      assertNotNull(g, c.name() + ": no gradient reached input " + e.getKey());
      assertClose(c, "grad of " + e.getKey(), Fixtures.load(e.getValue()), g);
    }
  }

  static void assertClose(Fixtures.Case c, String what, Tensor expected, Tensor actual) {
    assertArrayEquals(expected.shape(), actual.shape(), c.name() + ": shape of " + what);
    if (!expected.dtype().isFloatingPoint()) {
      assertArrayEquals(expected.toLongArray(), actual.toLongArray(), c.name() + ": " + what);
      return;
    }
    assertEquals(expected.dtype(), actual.dtype(), c.name() + ": dtype of " + what);
    double[] e = expected.toDoubleArray();
    double[] a = actual.toDoubleArray();
    List<String> bad = new ArrayList<>();
    for (int i = 0; i < e.length; i++) {
      if (!(Math.abs(a[i] - e[i]) <= c.atol() + c.rtol() * Math.abs(e[i]))) {
        bad.add("[" + i + "] expected " + e[i] + " got " + a[i]);
      }
    }
    if (!bad.isEmpty()) {
      throw new AssertionError(
          c.name()
              + ": "
              + what
              + " differs at "
              + bad.size()
              + " of "
              + e.length
              + " elements, e.g. "
              + String.join("; ", bad.subList(0, Math.min(3, bad.size()))));
    }
  }

  static Map<String, Tensor> copies(Map<String, Tensor> in) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    in.forEach((k, v) -> m.put(k, Tensor.wrap(v.data().dup())));
    return m;
  }
}
