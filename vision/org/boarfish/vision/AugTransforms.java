package org.boarfish.vision;

import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.Transform;

/**
 * fastai's {@code aug_transforms}: the standard batch augmentation, as transforms for {@code
 * batchTfms}. The geometric part (flip, rotate, zoom, warp, and with {@code minScale < 1} the
 * presizing crop, then the resize to {@code size}) is one {@link AffineAugment}: one resampling per
 * batch. The lighting part (brightness, contrast) is one {@link Lighting}.
 *
 * <pre>{@code
 * AugTransforms.defaults()                                   // flip, rotate 10, zoom 1.1, warp 0.2, lighting 0.2
 * AugTransforms.builder().size(224).minScale(0.75).build()  // presizing, with Resize(460) as item transform
 * AugTransforms.builder().maxRotate(0).doFlip(false).array()  // for DataBlock.Builder.batchTfms(...)
 * }</pre>
 */
public final class AugTransforms {
  private AugTransforms() {}

  /** The transforms with fastai's defaults. */
  public static List<Transform<?, ?>> defaults() {
    return builder().build();
  }

  /** A builder starting from fastai's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Settings of {@code aug_transforms}, each with fastai's default; {@link #build()} makes the
   * transforms.
   */
  public static final class Builder {
    double mult = 1;
    boolean doFlip = true;
    boolean flipVert = false;
    double maxRotate = 10;
    double minZoom = 1;
    double maxZoom = 1.1;
    double maxLighting = 0.2;
    double maxWarp = 0.2;
    double pAffine = 0.75;
    double pLighting = 0.75;
    int height;
    int width;
    GridSample.Mode mode = GridSample.Mode.BILINEAR;
    PadMode padMode = PadMode.REFLECTION;
    boolean batch;
    double minScale = 1;

    private Builder() {}

    /** Multiplies maxRotate, maxLighting and maxWarp (default 1). */
    public Builder mult(double mult) {
      this.mult = nonNegative("mult", mult);
      return this;
    }

    /** Random horizontal flips with probability 0.5 (default true). */
    public Builder doFlip(boolean doFlip) {
      this.doFlip = doFlip;
      return this;
    }

    /** Any of the 8 dihedral symmetries instead of horizontal flips (default false). */
    public Builder flipVert(boolean flipVert) {
      this.flipVert = flipVert;
      return this;
    }

    /** The largest rotation in degrees (default 10). */
    public Builder maxRotate(double degrees) {
      this.maxRotate = nonNegative("maxRotate", degrees);
      return this;
    }

    /** The smallest zoom (default 1). */
    public Builder minZoom(double minZoom) {
      this.minZoom = positive("minZoom", minZoom);
      return this;
    }

    /** The largest zoom (default 1.1). */
    public Builder maxZoom(double maxZoom) {
      this.maxZoom = positive("maxZoom", maxZoom);
      return this;
    }

    /** The largest brightness/contrast change (default 0.2; 0 for none). */
    public Builder maxLighting(double maxLighting) {
      this.maxLighting = nonNegative("maxLighting", maxLighting);
      return this;
    }

    /** The largest perspective warp (default 0.2; 0 for none). */
    public Builder maxWarp(double maxWarp) {
      this.maxWarp = nonNegative("maxWarp", maxWarp);
      return this;
    }

    /** The probability of each of rotate, zoom and warp per image (default 0.75). */
    public Builder pAffine(double p) {
      this.pAffine = probability("pAffine", p);
      return this;
    }

    /** The probability of each of brightness and contrast per image (default 0.75). */
    public Builder pLighting(double p) {
      this.pLighting = probability("pLighting", p);
      return this;
    }

    /** The output size, square (default: the input size). */
    public Builder size(int size) {
      return size(size, size);
    }

    /** The output size {@code height x width}. */
    public Builder size(int height, int width) {
      CropTransform.checkSize("augTransforms", height, width);
      this.height = height;
      this.width = width;
      return this;
    }

    /** The interpolation of images (default bilinear; masks always use nearest). */
    public Builder mode(GridSample.Mode mode) {
      this.mode = java.util.Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** How pixels outside the image are filled (default reflection). */
    public Builder padMode(PadMode padMode) {
      this.padMode = java.util.Objects.requireNonNull(padMode, "padMode");
      return this;
    }

    /** One draw for the whole batch instead of one per image (default false). */
    public Builder batch(boolean batch) {
      this.batch = batch;
      return this;
    }

    /**
     * With a value below 1, a random square crop covering at least this fraction of the area, one
     * per batch (fastai's {@code RandomResizedCropGPU}), folded into the same resampling; needs
     * {@link #size}. Default 1 (no crop).
     */
    public Builder minScale(double minScale) {
      if (!(minScale > 0 && minScale <= 1)) {
        throw new IllegalArgumentException("minScale must be in (0, 1], got " + minScale);
      }
      this.minScale = minScale;
      return this;
    }

    /** The transforms: the affine step (order 30) and, if maxLighting &gt; 0, lighting (40). */
    public List<Transform<?, ?>> build() {
      if (minScale < 1 && height == 0) {
        throw new IllegalStateException(
            "augTransforms: minScale "
                + minScale
                + " crops and resizes, so it needs a size: .size(224)");
      }
      if (minZoom > maxZoom) {
        throw new IllegalStateException(
            "augTransforms: minZoom " + minZoom + " > maxZoom " + maxZoom);
      }
      Builder eff = copy();
      eff.maxRotate = maxRotate * mult;
      eff.maxLighting = maxLighting * mult;
      eff.maxWarp = maxWarp * mult;
      List<Transform<?, ?>> out = new ArrayList<>();
      out.add(new AffineAugment(eff));
      if (eff.maxLighting > 0) {
        out.add(new Lighting(eff.maxLighting, pLighting, batch));
      }
      return List.copyOf(out);
    }

    /** {@link #build()} as an array, for varargs such as {@code DataBlock.Builder.batchTfms}. */
    public Transform<?, ?>[] array() {
      return build().toArray(new Transform<?, ?>[0]);
    }

    String describeAffine() {
      StringBuilder sb = new StringBuilder();
      sb.append(flipVert ? "dihedral" : doFlip ? "flip" : "no flip");
      sb.append(", rotate ").append(maxRotate);
      sb.append(", zoom ").append(minZoom).append('-').append(maxZoom);
      sb.append(", warp ").append(maxWarp);
      sb.append(", p ").append(pAffine);
      if (height > 0) {
        sb.append(", size ")
            .append(height == width ? String.valueOf(height) : height + "x" + width);
      }
      if (minScale < 1) {
        sb.append(", minScale ").append(minScale);
      }
      return sb.append(", ").append(padMode).toString();
    }

    private Builder copy() {
      Builder b = new Builder();
      b.mult = mult;
      b.doFlip = doFlip;
      b.flipVert = flipVert;
      b.maxRotate = maxRotate;
      b.minZoom = minZoom;
      b.maxZoom = maxZoom;
      b.maxLighting = maxLighting;
      b.maxWarp = maxWarp;
      b.pAffine = pAffine;
      b.pLighting = pLighting;
      b.height = height;
      b.width = width;
      b.mode = mode;
      b.padMode = padMode;
      b.batch = batch;
      b.minScale = minScale;
      return b;
    }

    private static double nonNegative(String name, double v) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
      }
      return v;
    }

    private static double positive(String name, double v) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
      }
      return v;
    }

    private static double probability(String name, double v) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + v);
      }
      return v;
    }
  }
}
