package org.boarfish.vision;

import java.util.List;
import org.boarfish.data.RandTransform;
import org.boarfish.data.Split;
import org.boarfish.tensor.Generator;

/**
 * The item transforms that crop, pad and resize ({@link Resize}, {@link RandomResizedCrop}, {@link
 * RandomCrop}, {@link CropPad}): each draws its random numbers once per sample and turns them into
 * windows for the sample's size, so an {@link Image}, its {@link Mask} (nearest neighbour) and its
 * {@link Points} in one sample get the same crop. Order 1, both splits (the validation behaviour is
 * each transform's own).
 */
public abstract class CropTransform extends RandTransform<Object, Object, CropTransform.Draw> {
  private final PadMode padMode;

  /**
   * The random numbers of one call and whether it was made for the validation split.
   *
   * @param u uniform numbers in [0, 1)
   * @param valid true on the validation split
   */
  public record Draw(double[] u, boolean valid) {}

  /** A transform padding with {@code padMode}. */
  protected CropTransform(PadMode padMode) {
    super(Object.class, Object.class, 1.0);
    this.padMode = java.util.Objects.requireNonNull(padMode, "padMode");
  }

  /** The pad mode. */
  public PadMode padMode() {
    return padMode;
  }

  /** How many uniform numbers one call draws. */
  protected abstract int draws();

  /** The windows (applied in turn) for an image of {@code w x h}. */
  abstract List<Window> windows(int w, int h, Draw d);

  @Override
  public boolean handles(Object x) {
    return x instanceof Image || x instanceof Mask || x instanceof Points;
  }

  @Override
  public boolean handlesDecoded(Object y) {
    return false;
  }

  @Override
  public Split split() {
    return Split.ALL;
  }

  @Override
  public int order() {
    return 1;
  }

  @Override
  protected Draw draw(Generator rng, Split split) {
    double[] u = new double[draws()];
    for (int i = 0; i < u.length; i++) {
      u[i] = rng.nextDouble();
    }
    return new Draw(u, split == Split.VALID);
  }

  @Override
  protected Object encode(Object x, Draw d) {
    if (x instanceof Image img) {
      int[] px = img.pixelsNoCopy();
      int w = img.width();
      int h = img.height();
      for (Window win : windows(w, h, d)) {
        px = Resampler.bilinear(px, img.channels(), h, w, win, padMode);
        w = win.outW();
        h = win.outH();
      }
      return Image.ofPixels(px, img.channels(), h, w);
    }
    if (x instanceof Mask m) {
      int[] c = m.codesNoCopy();
      int w = m.width();
      int h = m.height();
      for (Window win : windows(w, h, d)) {
        c = Resampler.nearest(c, h, w, win, padMode);
        w = win.outW();
        h = win.outH();
      }
      return Mask.ofCodes(c, h, w);
    }
    Points p = (Points) x;
    if (!p.hasSize()) {
      throw new IllegalStateException(
          name()
              + ": the points' image size is unknown; use PointBlock (it takes the size from the "
              + "sample's image) or Points.of(xy, width, height)");
    }
    float[] xy = p.xyNoCopy();
    int w = p.width();
    int h = p.height();
    for (Window win : windows(w, h, d)) {
      xy = Resampler.points(xy, win);
      w = win.outW();
      h = win.outH();
    }
    return Points.of(xy, w, h);
  }

  static int[] checkSize(String what, int h, int w) {
    if (h < 1 || w < 1) {
      throw new IllegalArgumentException(what + ": size must be positive, got " + h + "x" + w);
    }
    return new int[] {h, w};
  }

  static String sizeText(int h, int w) {
    return h == w ? String.valueOf(h) : h + "x" + w;
  }
}
