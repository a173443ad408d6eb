package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.boarfish.data.Split;
import org.boarfish.data.TensorImage;
import org.boarfish.data.TensorMask;
import org.boarfish.data.Transform;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Generator;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch augmentation: one resampling for images, masks and points; validation; lighting. */
class AugmentTest {
  /** Random transforms seed their own generators from the global one: fix it per test. */
  @BeforeEach
  void seed() {
    Generator.manualSeed(11);
  }

  static final int B = 6;
  static final int H = 20;
  static final int W = 30;

  /** Channel 0 holds each pixel's x, channel 1 its y, in [-1, 1] (align_corners frame). */
  static Tensor coordinateImages() {
    float[] v = new float[B * 2 * H * W];
    for (int n = 0; n < B; n++) {
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          v[((n * 2) * H + y) * W + x] = (float) GridSample.base(x, W);
          v[((n * 2 + 1) * H + y) * W + x] = (float) GridSample.base(y, H);
        }
      }
    }
    return Tensor.of(v, B, 2, H, W);
  }

  static AffineAugment affine(AugTransforms.Builder b) {
    return (AffineAugment) b.maxLighting(0).build().get(0);
  }

  @Test
  void pointsFollowTheirImageThroughFlipRotateZoomWarp() {
    AffineAugment aug =
        affine(
            AugTransforms.builder()
                .maxRotate(30)
                .maxZoom(1.3)
                .maxWarp(0.2)
                .pAffine(1)
                .padMode(PadMode.BORDER));
    float[] pts = new float[B * 3 * 2];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = (float) (0.3 * Math.sin(7.3 * i));
    }
    Tuple batch =
        Tuple.of(new TensorImage(coordinateImages()), new TensorPoints(Tensor.of(pts, B, 3, 2)));
    Tuple out = (Tuple) aug.apply(batch, Split.TRAIN);
    float[] img = ((TensorImage) out.get(0)).tensor().toFloatArray();
    float[] moved = ((TensorPoints) out.get(1)).tensor().toFloatArray();
    int changed = 0;
    for (int n = 0; n < B; n++) {
      for (int k = 0; k < 3; k++) {
        int o = (n * 3 + k) * 2;
        changed += Math.abs(moved[o] - pts[o]) > 0.02 ? 1 : 0;
        // the augmented image, read where the point went, shows where the point came from
        float[] seen = bilinear(img, n, moved[o], moved[o + 1]);
        assertEquals(pts[o], seen[0], 0.03, "x of point " + k + " of image " + n);
        assertEquals(pts[o + 1], seen[1], 0.03, "y of point " + k + " of image " + n);
      }
    }
    assertTrue(changed > 6, "the augmentation should move most points");
  }

  @Test
  void masksGetTheSameTransformAsImages() {
    AffineAugment aug =
        affine(
            AugTransforms.builder()
                .maxRotate(45)
                .maxZoom(1.5)
                .pAffine(1)
                .mode(GridSample.Mode.NEAREST));
    long[] codes = new long[B * H * W];
    float[] pix = new float[B * H * W];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = (i * 7919L) % 13;
      pix[i] = codes[i];
    }
    Tuple out =
        (Tuple)
            aug.apply(
                Tuple.of(
                    new TensorImage(Tensor.of(pix, B, 1, H, W)),
                    new TensorMask(Tensor.of(codes, B, H, W))),
                Split.TRAIN);
    float[] img = ((TensorImage) out.get(0)).tensor().toFloatArray();
    long[] mask = ((TensorMask) out.get(1)).tensor().toLongArray();
    assertArrayEquals(new long[] {B, H, W}, ((TensorMask) out.get(1)).tensor().shape());
    int moved = 0;
    for (int i = 0; i < mask.length; i++) {
      assertEquals(img[i], (float) mask[i], "pixel " + i);
      moved += mask[i] != codes[i] ? 1 : 0;
    }
    assertTrue(moved > mask.length / 2);
  }

  @Test
  void flipOnlyMirrorsOrKeepsEachImage() {
    AffineAugment aug = affine(AugTransforms.builder().maxRotate(0).maxZoom(1).maxWarp(0));
    Tensor x = coordinateImages();
    float[] out =
        ((TensorImage) aug.apply(new TensorImage(x), Split.TRAIN)).tensor().toFloatArray();
    float[] in = x.toFloatArray();
    int flipped = 0;
    for (int n = 0; n < B; n++) {
      int o = n * 2 * H * W;
      boolean mirrored = out[o] > 0.99f;
      flipped += mirrored ? 1 : 0;
      for (int y = 0; y < H; y++) {
        for (int xx = 0; xx < W; xx++) {
          int sx = mirrored ? W - 1 - xx : xx;
          assertEquals(in[o + y * W + sx], out[o + y * W + xx], 1e-5f);
        }
      }
    }
    assertTrue(
        flipped > 0 && flipped < B, "some but not all of " + B + " images flipped: " + flipped);
  }

  @Test
  void validationOnlyResizes() {
    Tensor x = coordinateImages();
    AffineAugment same = affine(AugTransforms.builder().pAffine(1));
    Tensor v = ((TensorImage) same.apply(new TensorImage(x), Split.VALID)).tensor();
    assertArrayEquals(x.toFloatArray(), v.toFloatArray(), 1e-6f);
    AffineAugment sized = affine(AugTransforms.builder().size(10, 15));
    Tensor r = ((TensorImage) sized.apply(new TensorImage(x), Split.VALID)).tensor();
    assertArrayEquals(new long[] {B, 2, 10, 15}, r.shape());
    // corners stay corners with align_corners=True
    assertEquals(-1f, r.toFloatArray()[0], 1e-6f);
    assertEquals(1f, r.toFloatArray()[14], 1e-6f);
  }

  @Test
  void presizingCropsAndResizesInTheSameStep() {
    List<Transform<?, ?>> tfms = AugTransforms.builder().size(12).minScale(0.75).build();
    assertEquals(2, tfms.size());
    Tensor x = Tensor.rand(1, 4, 3, 60, 40);
    for (Split split : new Split[] {Split.TRAIN, Split.VALID}) {
      Object b = new TensorImage(x);
      for (Transform<?, ?> t : tfms) {
        b = t.apply(b, split);
      }
      assertArrayEquals(
          new long[] {4, 3, 12, 12}, ((TensorImage) b).tensor().shape(), split.name());
    }
    // validation takes the centred square: rows 10..49 of 60
    Tensor coords = coordinateImages();
    AffineAugment crop = affine(AugTransforms.builder().size(10).minScale(0.5));
    float[] v =
        ((TensorImage) crop.apply(new TensorImage(coords), Split.VALID)).tensor().toFloatArray();
    // input 30 wide, 20 high: the square is columns 5..24, all rows
    assertEquals(GridSample.base(5, W), v[0], 1e-5);
    assertEquals(GridSample.base(24, W), v[9], 1e-5);
    assertEquals(-1f, v[H * 0 + 10 * 10], 1e-5); // channel 1 (y) starts at the top row
    assertThrows(IllegalStateException.class, () -> AugTransforms.builder().minScale(0.5).build());
  }

  @Test
  void lightingStaysInRangeAndKeepsPixelOrder() {
    Lighting light = (Lighting) AugTransforms.builder().pLighting(1).build().get(1);
    float[] v = new float[B * 50];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i % 50) / 49f;
    }
    float[] out =
        ((TensorImage) light.apply(new TensorImage(Tensor.of(v, B, 1, 5, 10)), Split.TRAIN))
            .tensor()
            .toFloatArray();
    int changed = 0;
    for (int n = 0; n < B; n++) {
      for (int i = 1; i < 50; i++) {
        assertTrue(out[n * 50 + i] >= out[n * 50 + i - 1], "order kept");
      }
      float mid = out[n * 50 + 24] + (out[n * 50 + 25] - out[n * 50 + 24]) * 0.5f;
      // brightness in 0.5 * (1 -+ 0.2), contrast around 0.5 only moves it through the logit
      assertTrue(mid > 0.38 && mid < 0.62, "mid grey went to " + mid);
      changed += Math.abs(out[n * 50 + 10] - v[10]) > 1e-3 ? 1 : 0;
    }
    assertEquals(B, changed);
    float[] valid =
        ((TensorImage) light.apply(new TensorImage(Tensor.of(v, B, 1, 5, 10)), Split.VALID))
            .tensor()
            .toFloatArray();
    assertArrayEquals(v, valid);
  }

  private static float[] bilinear(float[] img, int n, float gx, float gy) {
    float[] out = new float[2];
    float[] one = new float[2 * H * W];
    System.arraycopy(img, n * 2 * H * W, one, 0, one.length);
    float[] r =
        GridSample.sample(
            one, 1, 2, H, W, new float[] {gx, gy}, 1, 1, GridSample.Mode.BILINEAR, PadMode.BORDER);
    out[0] = r[0];
    out[1] = r[1];
    return out;
  }
}
