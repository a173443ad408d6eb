package org.boarfish.vision;

/** The colour mode an {@link Image} is read in, like PIL's {@code "RGB"} and {@code "L"}. */
public enum ImageMode {
  /** Three channels, red, green, blue. */
  RGB(3),
  /** One grey channel (from colour: {@code L = R*299/1000 + G*587/1000 + B*114/1000}, as PIL). */
  GREY(1);

  private final int channels;

  ImageMode(int channels) {
    this.channels = channels;
  }

  /** The number of channels. */
  public int channels() {
    return channels;
  }
}
