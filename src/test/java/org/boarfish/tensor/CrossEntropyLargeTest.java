package org.boarfish.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The native-softmax cross-entropy of large logits against PyTorch 1.13
 * (src/test/resources/tensor/celarge, made by gen.py there).
 */
class CrossEntropyLargeTest {
  private static Path dir() throws URISyntaxException {
    return Path.of(CrossEntropyLargeTest.class.getResource("/tensor/celarge/gen.py").toURI())
        .getParent();
  }

  private static Tensor npy(String name) throws URISyntaxException {
    return Tensor.wrap(Npy.read(dir().resolve(name)));
  }

  private static double[][] values() throws Exception {
    return Files.readAllLines(dir().resolve("values.txt")).stream()
        .map(l -> Arrays.stream(l.trim().split(" ")).mapToDouble(Double::parseDouble).toArray())
        .toArray(double[][]::new);
  }

  @Test
  void meanLossAndGradientMatchPyTorchIncludingAnUnderflowedRow() throws Exception {
    Tensor x = npy("logits.npy").requiresGrad(true);
    Tensor t = npy("target.npy");
    Tensor loss = F.crossEntropy(x, t);
    assertEquals(values()[0][0], loss.item(), 2e-5);
    loss.backward();
    assertArrayEquals(npy("grad_mean.npy").toFloatArray(), x.grad().toFloatArray(), 1e-6f);
  }

  @Test
  void labelSmoothingSumAndRowLossesMatchPyTorch() throws Exception {
    Tensor x = npy("logits.npy").requiresGrad(true);
    Tensor t = npy("target.npy");
    Tensor sum = F.crossEntropy(x, t, Reduction.SUM, 0.2);
    assertEquals(values()[0][1], sum.item(), 2e-2);
    sum.mul(0.5).backward();
    assertArrayEquals(npy("grad_ls_sum.npy").toFloatArray(), x.grad().toFloatArray(), 1e-6f);
    double[] none = F.crossEntropy(x.detach(), t, Reduction.NONE, 0.1).toDoubleArray();
    assertArrayEquals(values()[1], none, 2e-5);
  }

  @Test
  void aSecondBackwardWithRetainGraphGivesTheSameGradient() throws Exception {
    Tensor x = npy("logits.npy").requiresGrad(true);
    Tensor loss = F.crossEntropy(x, npy("target.npy"));
    loss.backward(Tensor.scalar(1.0), true);
    float[] first = x.grad().toFloatArray();
    x.setGrad(null);
    loss.backward(Tensor.scalar(1.0), true);
    assertArrayEquals(first, x.grad().toFloatArray(), 0f);
  }

  @Test
  void float64MatchesFloat32() throws Exception {
    Tensor x = npy("logits.npy");
    Tensor t = npy("target.npy");
    Tensor x64 = x.to(DType.FLOAT64).requiresGrad(true);
    Tensor l = F.crossEntropy(x64, t, Reduction.MEAN, 0.1);
    l.backward();
    Tensor x32 = x.detach().requiresGrad(true);
    F.crossEntropy(x32, t, Reduction.MEAN, 0.1).backward();
    assertEquals(F.crossEntropy(x, t, Reduction.MEAN, 0.1).item(), l.item(), 1e-5);
    assertArrayEquals(x32.grad().toDoubleArray(), x64.grad().toDoubleArray(), 1e-7);
  }
}
