package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.boarfish.data.Split;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Generator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The item transforms on tiny images, with pixel values worked out by hand. */
class ResizeTest {
  /** Random transforms seed their own generators from the global one: fix it per test. */
  @BeforeEach
  void seed() {
    Generator.manualSeed(12);
  }

  /** A grey image whose pixel (y, x) is {@code 10 * x + 100 * y}. */
  static Image ramp(int w, int h) {
    int[] p = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        p[y * w + x] = 10 * x + 100 * y;
      }
    }
    return Image.ofPixels(p, 1, h, w);
  }

  @Test
  void cropIsCentredOnValidationAndRandomOnTraining() {
    Image img = ramp(6, 2);
    Resize r = new Resize(2);
    Image v = (Image) r.apply(img, Split.VALID);
    // largest 2x2 window, centred: columns 2 and 3, copied exactly
    assertArrayEquals(new int[] {20, 30, 120, 130}, v.pixels());
    Set<Integer> lefts = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      Image t = (Image) r.apply(img, Split.TRAIN);
      int left = t.get(0, 0, 0) / 10;
      assertArrayEquals(
          new int[] {10 * left, 10 * left + 10, 100 + 10 * left, 110 + 10 * left}, t.pixels());
      lefts.add(left);
    }
    // fastai's int(random() * (w - cw)): the rightmost window (left 4) is never drawn
    assertEquals(Set.of(0, 1, 2, 3), lefts);
  }

  @Test
  void padFitsTheWholeImageAndFillsByPadMode() {
    Image img = Image.ofPixels(new int[] {10, 20, 30}, 1, 1, 3); // 3 wide, 1 high
    Image z = (Image) new Resize(3, ResizeMethod.PAD, PadMode.ZEROS).apply(img, Split.VALID);
    assertArrayEquals(new int[] {0, 0, 0, 10, 20, 30, 0, 0, 0}, z.pixels());
    Image b = (Image) new Resize(3, ResizeMethod.PAD, PadMode.BORDER).apply(img, Split.VALID);
    assertArrayEquals(new int[] {10, 20, 30, 10, 20, 30, 10, 20, 30}, b.pixels());
    Image two = Image.ofPixels(new int[] {10, 20, 30, 40, 50, 60}, 1, 2, 3); // 3 wide, 2 high
    Image rf =
        (Image) new Resize(4, 3, ResizeMethod.PAD, PadMode.REFLECTION).apply(two, Split.VALID);
    // 4 high, 3 wide: the whole width fits at scale 1, so the window is rows -1..2, reflected
    // without repeating the edge (row -1 = row 1, row 2 = row 0)
    assertArrayEquals(new int[] {40, 50, 60, 10, 20, 30, 40, 50, 60, 10, 20, 30}, rf.pixels());
    Image rb = (Image) new Resize(4, 3, ResizeMethod.PAD, PadMode.BORDER).apply(two, Split.VALID);
    assertArrayEquals(new int[] {10, 20, 30, 10, 20, 30, 40, 50, 60, 40, 50, 60}, rb.pixels());
  }

  @Test
  void squishDownscalesWithPilsAntialiasedBilinear() {
    int[] p = new int[16];
    for (int y = 0; y < 4; y++) {
      p[y * 4 + 2] = 100;
      p[y * 4 + 3] = 100;
    }
    Image img = Image.ofPixels(p, 1, 4, 4);
    Image s = (Image) new Resize(2, ResizeMethod.SQUISH).apply(img, Split.VALID);
    // scale 2: the triangle filter spans 2 source pixels each side; output 0 weighs source
    // columns 0, 1, 2 by 0.75, 0.75, 0.25 (normalised): 100 * 0.25 / 1.75 = 14.3
    assertArrayEquals(new int[] {14, 86, 14, 86}, s.pixels());
    Mask m = Mask.ofCodes(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, 4, 4);
    Mask ms = (Mask) new Resize(2, ResizeMethod.SQUISH).apply(m, Split.VALID);
    assertArrayEquals(new int[] {5, 7, 13, 15}, ms.codes()); // nearest: source centres 1 and 3
  }

  @Test
  void upscalingInterpolatesBetweenPixels() {
    Image img = Image.ofPixels(new int[] {0, 100}, 1, 1, 2);
    Image s =
        (Image) new Resize(1, 4, ResizeMethod.SQUISH, PadMode.REFLECTION).apply(img, Split.VALID);
    // output centres at source x 0.25, 0.75, 1.25, 1.75: clamped edges, then 25 and 75 apart
    assertArrayEquals(new int[] {0, 25, 75, 100}, s.pixels());
  }

  @Test
  void imageMaskAndPointsOfOneSampleGetTheSameCrop() {
    Image img = ramp(6, 2);
    Mask mask = Mask.ofCodes(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 6);
    Points pts = Points.of(new float[] {3.5f, 1.5f}, 6, 2);
    Resize r = new Resize(2);
    for (int i = 0; i < 20; i++) {
      Tuple out = (Tuple) r.apply(Tuple.of(img, mask, pts), Split.TRAIN);
      int left = ((Image) out.get(0)).get(0, 0, 0) / 10;
      assertEquals(left, ((Mask) out.get(1)).get(0, 0));
      Points p = (Points) out.get(2);
      assertEquals(3.5f - left, p.xy()[0], 1e-6f);
      assertEquals(1.5f, p.xy()[1], 1e-6f);
      assertEquals(2, p.width());
    }
    Points valid = (Points) r.apply(pts, Split.VALID);
    assertArrayEquals(new float[] {1.5f, 1.5f}, valid.xy(), 1e-6f);
    // [-1, 1] scaling as fastai's PointScaler: p * 2 / size - 1
    assertArrayEquals(new float[] {0.5f, 0.5f}, valid.toTensor().tensor().toFloatArray(), 1e-6f);
  }

  @Test
  void randomResizedCropValidationResizesThenCropsTheCentre() {
    Image img = noise(100, 50, 3);
    RandomResizedCrop rrc = new RandomResizedCrop(32);
    Image v = (Image) rrc.apply(img, Split.VALID);
    assertEquals(32, v.width());
    assertEquals(32, v.height());
    // xtra = ceil(32 * 0.14 / 8) * 8 = 8: squish to 40x40, then the centre 32x32
    Image big = (Image) new Resize(40, ResizeMethod.SQUISH).apply(img, Split.VALID);
    Image expected = (Image) new CropPad(32).apply(big, Split.VALID);
    assertArrayEquals(expected.pixels(), v.pixels());
    Image squish = (Image) new Resize(32, ResizeMethod.SQUISH).apply(img, Split.VALID);
    assertFalse(Arrays.equals(squish.pixels(), v.pixels()));
  }

  @Test
  void randomResizedCropTrainsOnRandomWindowsOfTheRightSize() {
    Image img = noise(64, 64, 1);
    // minScale 1 and ratio 1: the only window is the whole image
    RandomResizedCrop whole = new RandomResizedCrop(32, 32, 1.0, 1, 1, 0.14);
    Image squish = (Image) new Resize(32, ResizeMethod.SQUISH).apply(img, Split.TRAIN);
    assertArrayEquals(squish.pixels(), ((Image) whole.apply(img, Split.TRAIN)).pixels());
    RandomResizedCrop rrc = new RandomResizedCrop(24);
    Set<Integer> firsts = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      Image t = (Image) rrc.apply(img, Split.TRAIN);
      assertEquals(24, t.width());
      assertEquals(24, t.height());
      firsts.add(t.get(0, 0, 0));
    }
    assertTrue(firsts.size() > 3, "training crops should differ: " + firsts);
  }

  @Test
  void cropPadAndRandomCrop() {
    Image img = ramp(3, 3);
    Image padded = (Image) new CropPad(5).apply(img, Split.TRAIN);
    int[] p = padded.pixels();
    assertEquals(0, p[0]);
    assertEquals(0, padded.get(0, 4, 4));
    assertEquals(img.get(0, 0, 0), padded.get(0, 1, 1));
    assertEquals(img.get(0, 2, 2), padded.get(0, 3, 3));
    Image centre = (Image) new CropPad(1).apply(img, Split.TRAIN);
    assertArrayEquals(new int[] {110}, centre.pixels());
    Image rc = (Image) new RandomCrop(1).apply(img, Split.VALID);
    assertArrayEquals(new int[] {110}, rc.pixels());
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 80; i++) {
      seen.add(((Image) new RandomCrop(1).apply(img, Split.TRAIN)).get(0, 0, 0));
    }
    assertEquals(9, seen.size());
  }

  static Image noise(int w, int h, long seed) {
    Generator g = new Generator(seed);
    int[] p = new int[3 * w * h];
    for (int i = 0; i < p.length; i++) {
      p[i] = (int) g.nextLong(0, 256);
    }
    return Image.ofPixels(p, 3, h, w);
  }
}
