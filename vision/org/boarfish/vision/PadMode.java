package org.boarfish.vision;

/**
 * How pixels outside an image are filled when a crop or an augmentation reaches past its border.
 */
public enum PadMode {
  /** Zero (black; code 0 for masks). */
  ZEROS,
  /** Mirror the image at its border without repeating the edge pixel (numpy's {@code reflect}). */
  REFLECTION,
  /** Repeat the edge pixel. */
  BORDER
}
