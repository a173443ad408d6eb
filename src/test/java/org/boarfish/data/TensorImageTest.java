package org.boarfish.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Images holding their pixels in Java arrays: the same items and batches as tensor images, collated
 * in one copy.
 */
class TensorImageTest {

  @Test
  void imagesInJavaCollateLikeTensorImages() {
    int[] a = {1, 2, 3, 4, 5, 6};
    int[] b = {7, 8, 9, 10, 11, 12};
    Tuple fromJava =
        Collate.collate(
            List.of(
                Tuple.of(TensorImage.ofPixels(a, 1, 2, 3), new Category("x", 0)),
                Tuple.of(TensorImage.ofPixels(b, 1, 2, 3), new Category("y", 1))));
    Tuple fromTensors =
        Collate.collate(
            List.of(
                Tuple.of(new TensorImage(Tensor.of(a, 1, 2, 3)), new Category("x", 0)),
                Tuple.of(new TensorImage(Tensor.of(b, 1, 2, 3)), new Category("y", 1))));
    var x = assertInstanceOf(TensorImage.class, fromJava.get(0));
    assertFalse(x.inJava(), "a batch is a tensor");
    Tensor expected = ((TensorImage) fromTensors.get(0)).tensor();
    assertArrayEquals(expected.shape(), x.tensor().shape());
    assertEquals(expected.dtype(), x.tensor().dtype());
    assertArrayEquals(expected.toLongArray(), x.tensor().toLongArray());
    assertArrayEquals(new long[] {0, 1}, fromJava.y().toLongArray());
    assertEquals("TensorImage[2x1x2x3 int32]", x.toString());
    // a batch mixing both forms still stacks
    Tuple mixed =
        Collate.collate(
            List.of(
                Tuple.of(TensorImage.ofPixels(a, 1, 2, 3)),
                Tuple.of(new TensorImage(Tensor.of(b, 1, 2, 3)))));
    assertArrayEquals(expected.toLongArray(), ((TensorImage) mixed.get(0)).tensor().toLongArray());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Collate.collate(
                    List.of(
                        Tuple.of(TensorImage.ofPixels(a, 1, 2, 3)),
                        Tuple.of(TensorImage.ofPixels(b, 1, 3, 2)))));
    assertTrue(
        e.getMessage().contains("sample 1 has shape [1, 3, 2]")
            && e.getMessage().contains("[1, 2, 3]"),
        e.getMessage());
  }

  @Test
  @SuppressWarnings("try")
  void anImageInJavaActsAsATensorImage() {
    int[] px = {0, 1, 127, 128, 254, 255};
    TensorImage img = TensorImage.ofPixels(px, 1, 2, 3);
    assertTrue(img.inJava());
    assertEquals("TensorImage[1x2x3 int32]", img.toString());
    assertEquals("TensorImage[1x2x3 int32]", Describe.of(img));
    assertEquals(img, img);
    assertEquals(TensorImage.ofPixels(px, 1, 2, 3), img);
    assertFalse(img.equals(TensorImage.ofPixels(px.clone(), 1, 2, 3)));
    assertThrows(IllegalArgumentException.class, () -> TensorImage.ofPixels(px, 1, 2, 2));
    assertThrows(IllegalArgumentException.class, () -> TensorImage.ofPixels(px, -1, -6));
    // item transforms that read the tensor see the pixels
    var f = (TensorImage) new IntToFloatTensor().apply(img);
    assertEquals(DType.FLOAT32, f.tensor().dtype());
    assertEquals(1.0f, f.tensor().toFloatArray()[5], 1e-6);
    // the tensor is made on each call, in the current scope
    try (Scope s = Scope.open()) {
      Tensor t = img.tensor();
      assertArrayEquals(new long[] {0, 1, 127, 128, 254, 255}, t.toLongArray());
      assertTrue(t.data().isAttached());
    }
    assertArrayEquals(new long[] {1, 2, 3}, img.tensor().shape());
  }

  /** Items i -> (image [1, 2, 2] of i..i+3, Category i % 2), as Java pixels or as tensors. */
  static Datasets images(int n, boolean inJava) {
    var x =
        Pipeline.of(
            Transform.of(
                "pixels",
                Integer.class,
                i -> {
                  int[] px = {i, i + 1, i + 2, i + 3};
                  return inJava
                      ? TensorImage.ofPixels(px, 1, 2, 2)
                      : new TensorImage(Tensor.of(px, 1, 2, 2));
                }));
    var y =
        Pipeline.of(
            Transform.of("parity", Integer.class, i -> i % 2 == 0 ? "even" : "odd"),
            new Categorize());
    return new Datasets(IntStream.range(0, n).boxed().toList(), List.of(x, y));
  }

  @Test
  void loadersGiveTheSameBatchesWithWorkers() {
    List<long[]> want = new ArrayList<>();
    try (var dl =
        DataLoader.builder(images(50, false))
            .bs(8)
            .shuffle(true)
            .seed(3)
            .numWorkers(0)
            .afterBatch(new IntToFloatTensor())
            .build()) {
      for (Tuple b : dl) {
        want.add(b.x().mul(255).to(DType.INT64).toLongArray());
      }
    }
    for (int workers : new int[] {0, 2}) {
      try (var dl =
          DataLoader.builder(images(50, true))
              .bs(8)
              .shuffle(true)
              .seed(3)
              .numWorkers(workers)
              .afterBatch(new IntToFloatTensor())
              .build()) {
        int k = 0;
        for (Tuple b : dl) {
          assertInstanceOf(TensorImage.class, b.get(0));
          assertEquals(DType.FLOAT32, b.x().dtype());
          assertArrayEquals(
              want.get(k++),
              b.x().mul(255).to(DType.INT64).toLongArray(),
              "batch " + (k - 1) + " with " + workers + " workers");
        }
        assertEquals(want.size(), k);
      }
    }
  }
}
