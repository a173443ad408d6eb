package org.boarfish.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Every standard transform: encode, decode back, setup, errors. */
class TransformsTest {

  @Test
  void categorizeLearnsASortedVocabularyAndRoundTrips() {
    var cat = new Categorize();
    cat.setup(List.of("dog", "cat", "dog", "bird"));
    assertEquals(List.of("bird", "cat", "dog"), cat.vocab().items());
    Category c = cat.encode("dog");
    assertEquals(new Category("dog", 2), c);
    assertEquals(new Category("dog", 2), cat.decode(Category.ofIndex(2)));
    assertEquals("dog", ((Category) cat.decode(cat.apply("dog"), Split.ALL)).label());
  }

  @Test
  void categorizeSortsNumbersByValueAndDropsMissing() {
    var cat = new Categorize();
    cat.setup(java.util.Arrays.asList(10, 9, null, 100, 9));
    assertEquals(List.of(9, 10, 100), cat.vocab().items());
    var keep = new Categorize(List.of("b", "a", "c"), false, false);
    assertEquals(List.of("b", "a", "c"), keep.vocab().items());
  }

  @Test
  void addNaPutsNaFirstAndMapsUnseenLabelsToIt() {
    var cat = new Categorize(true);
    cat.setup(List.of("7", "3"));
    assertEquals(List.of(CategoryMap.NA, "3", "7"), cat.vocab().items());
    assertEquals(new Category(CategoryMap.NA, 0), cat.encode("never seen"));
    assertEquals(1, cat.encode("3").index());
  }

  @Test
  void unknownLabelErrorNamesTheLabelAndKnownOnes() {
    var cat = new Categorize();
    cat.setup(List.of("3", "7"));
    var e = assertThrows(IllegalArgumentException.class, () -> cat.encode("8"));
    assertTrue(e.getMessage().contains("'8'"), e.getMessage());
    assertTrue(e.getMessage().contains("['3', '7']"), e.getMessage());
    assertTrue(e.getMessage().contains("addNa"), e.getMessage());
    var typeMix = assertThrows(IllegalArgumentException.class, () -> cat.encode(3));
    assertTrue(typeMix.getMessage().contains("Integer"), typeMix.getMessage());
  }

  @Test
  void categorizeBeforeSetupSaysWhatToDo() {
    var e = assertThrows(IllegalStateException.class, () -> new Categorize().encode("x"));
    assertTrue(e.getMessage().contains("setup"), e.getMessage());
  }

  @Test
  void multiCategorizeAndOneHotRoundTripThroughAPipeline() {
    var mc = new MultiCategorize();
    var oh = new OneHotEncode();
    var p = Pipeline.of(oh, mc);
    assertSame(
        mc, p.transforms().get(0), "MultiCategorize (order 1) runs before OneHotEncode (order 2)");
    p.setup(List.of(List.of("road", "cloudy"), List.of("water"), List.of()));
    assertEquals(List.of("cloudy", "road", "water"), mc.vocab().items());
    assertEquals(3, oh.c());
    var enc = (TensorMultiCategory) p.apply(List.of("water", "cloudy"));
    assertArrayEquals(new float[] {1, 0, 1}, enc.tensor().toFloatArray());
    var dec = (MultiCategory) p.decode(enc);
    assertEquals(List.of("cloudy", "water"), dec.labels());
    assertArrayEquals(new int[] {0, 2}, dec.indices());
  }

  @Test
  void multiCategorizeExplainsUnsplitText() {
    var mc = new MultiCategorize(List.of("a", "b"), false);
    var e = assertThrows(IllegalArgumentException.class, () -> mc.encode("a b"));
    assertTrue(e.getMessage().contains("labelDelim"), e.getMessage());
  }

  @Test
  void regressionSetupMakesFloatTensorsAndLearnsTheWidth() {
    var r = new RegressionSetup();
    r.setup(List.of(new double[] {1, 2}, new double[] {3, 4}));
    assertEquals(2, r.c());
    Tensor t = r.encode(new double[] {1.5, 2.5});
    assertEquals(DType.FLOAT32, t.dtype());
    assertArrayEquals(new float[] {1.5f, 2.5f}, t.toFloatArray());
    assertSame(t, r.decode(t));
    Tensor s = r.encode(3);
    assertEquals(0, s.dim());
    assertEquals(3.0, s.item());
    var scalar = new RegressionSetup();
    scalar.setup(List.of(1.0, 2.0));
    assertEquals(1, scalar.c());
  }

  @Test
  void toTensorConvertsItemsAndArraysOnly() {
    Item img =
        new Item() {
          @Override
          public Object toTensor() {
            return new TensorImage(Tensor.zeros(1, 2, 2));
          }
        };
    var tt = new ToTensor();
    assertEquals(5, tt.order());
    var out = (Tuple) tt.apply(Tuple.of(img, new Category("a", 0)));
    assertTrue(out.get(0) instanceof TensorImage);
    assertEquals(new Category("a", 0), out.get(1));
    assertEquals(3, ((Tensor) tt.apply(new float[] {1, 2, 3})).numel());
    assertEquals("text", tt.apply("text"));
  }

  @Test
  void intToFloatTensorScalesImagesKeepsMasksAndDecodesBack() {
    int[] px = {0, 1, 127, 128, 254, 255};
    var img = new TensorImage(Tensor.of(px, 1, 2, 3));
    var mask = new TensorMask(Tensor.of(new int[] {0, 1, 2, 3}, 2, 2));
    var itf = new IntToFloatTensor();
    var out = (Tuple) itf.apply(Tuple.of(img, mask));
    var f = (TensorImage) out.get(0);
    assertEquals(DType.FLOAT32, f.tensor().dtype());
    assertEquals(1.0f, f.tensor().toFloatArray()[5], 1e-6);
    assertEquals(127 / 255f, f.tensor().toFloatArray()[2], 1e-6);
    assertEquals(DType.INT64, ((TensorMask) out.get(1)).tensor().dtype());
    var back = (Tuple) itf.decode(out, Split.ALL);
    assertArrayEquals(
        new long[] {0, 1, 127, 128, 254, 255}, ((TensorImage) back.get(0)).tensor().toLongArray());
    var clamped = itf.decode(new TensorImage(Tensor.of(new float[] {-0.5f, 1.5f}, 2)));
    assertArrayEquals(new long[] {0, 255}, clamped.tensor().toLongArray());
    var halves = new IntToFloatTensor(255, 2).encode(mask);
    assertArrayEquals(new long[] {0, 0, 1, 1}, halves.tensor().toLongArray());
  }

  @Test
  void normalizeFromStatsBroadcastsOverChannelsAndDecodes() {
    var norm = Normalize.fromStats(new double[] {0.5, 0.25}, new double[] {0.5, 0.25});
    var x = new TensorImage(Tensor.of(new float[] {1, 0, 0.5f, 0.25f}, 1, 2, 1, 2));
    var y = norm.encode(x);
    assertArrayEquals(new float[] {1, -1, 1, 0}, y.tensor().toFloatArray(), 1e-6f);
    assertArrayEquals(x.tensor().toFloatArray(), norm.decode(y).tensor().toFloatArray(), 1e-6f);
    var label = new TensorCategory(Tensor.of(new long[] {1}, 1));
    assertSame(label, ((Tuple) norm.apply(Tuple.of(x, label))).get(1), "labels pass through");
    assertEquals(99, norm.order());
  }

  @Test
  void normalizeMeasuresStatisticsFromOneTrainingBatch() {
    Tensor batch = Tensor.rand(7, 8, 3, 4, 4).mul(3).add(2);
    var norm = new Normalize();
    norm.setup(List.of(Tuple.of(new TensorImage(batch), Tensor.zeros(8))));
    Tensor z = norm.encode(new TensorImage(batch)).tensor();
    Tensor m = z.mean(new int[] {0, 2, 3}, false);
    Tensor s = z.std(new int[] {0, 2, 3}, true, false);
    for (int c = 0; c < 3; c++) {
      assertEquals(0, m.toFloatArray()[c], 1e-4);
      assertEquals(1, s.toFloatArray()[c], 1e-4);
    }
    assertEquals(3, norm.stats().channels());
  }

  @Test
  void normalizeRefusesIntegerPixelsWithAHint() {
    var norm = Normalize.fromStats(NormStats.MNIST);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> norm.encode(new TensorImage(Tensor.of(new int[] {1, 2}, 1, 1, 1, 2))));
    assertTrue(e.getMessage().contains("IntToFloatTensor"), e.getMessage());
  }

  @Test
  void statsConstantsAreFastais() {
    assertArrayEquals(new double[] {0.485, 0.456, 0.406}, NormStats.IMAGENET.mean());
    assertArrayEquals(new double[] {0.247, 0.243, 0.261}, NormStats.CIFAR.std());
    assertArrayEquals(new double[] {0.131}, NormStats.MNIST.mean());
    assertThrows(
        IllegalArgumentException.class, () -> new NormStats(new double[] {0.1}, new double[] {0}));
  }

  @Test
  void functionTransformsAndTheirDecode() {
    var upper =
        Transform.of("upper", String.class, String.class, String::toUpperCase, String::toLowerCase);
    assertEquals("ABC", upper.apply("abc"));
    assertEquals(5, upper.apply(5));
    assertEquals("abc", upper.decode("ABC", Split.ALL));
    assertEquals("upper", upper.name());
  }
}
