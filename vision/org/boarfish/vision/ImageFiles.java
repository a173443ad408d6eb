package org.boarfish.vision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.boarfish.data.Getters;

/**
 * Finding and checking image files: fastai's {@code get_image_files}, {@code image_extensions} and
 * {@code verify_images}.
 */
public final class ImageFiles {
  /**
   * The extensions counted as images (those Python's {@code mimetypes} maps to {@code image/*}, as
   * fastai's {@code image_extensions}); other files in a folder are ignored.
   */
  public static final List<String> IMAGE_EXTENSIONS =
      List.of(
          ".bmp", ".gif", ".ico", ".ief", ".jpe", ".jpeg", ".jpg", ".pbm", ".pgm", ".png", ".pnm",
          ".ppm", ".ras", ".rgb", ".svg", ".tif", ".tiff", ".webp", ".xbm", ".xpm", ".xwd");

  private ImageFiles() {}

  /** The image files under {@code path} and its subfolders, sorted by path. */
  public static List<Path> getImageFiles(Path path) {
    return getImageFiles(path, true, List.of());
  }

  /**
   * The image files under {@code path}: in subfolders too when {@code recurse}, and (at the top
   * level) only in the named {@code folders} when any are given.
   */
  public static List<Path> getImageFiles(Path path, boolean recurse, List<String> folders) {
    return Getters.getFiles(path, IMAGE_EXTENSIONS, recurse, folders);
  }

  /** A {@code getItems} for a DataBlock: the image files of the source folder. */
  public static Function<Object, List<Path>> imageFiles() {
    return new Function<>() {
      @Override
      public List<Path> apply(Object source) {
        if (!(source instanceof Path p)) {
          throw new IllegalArgumentException(
              "getImageFiles: the source must be a folder (a Path), not " + source);
        }
        return getImageFiles(p);
      }

      @Override
      public String toString() {
        return "getImageFiles";
      }
    };
  }

  /**
   * The files that cannot be opened as images (fastai's {@code verify_images}); empty if all can.
   */
  public static List<Path> verifyImages(List<Path> files) {
    List<Path> bad = new ArrayList<>();
    for (Path f : files) {
      try {
        Image.open(f);
      } catch (ImageReadException e) {
        bad.add(f);
      }
    }
    return bad;
  }

  /**
   * The files that can be opened, in order; the others are dropped with one warning listing them
   * (what the loaders' {@code skipCorrupt} option does).
   */
  public static List<Path> dropUnreadable(List<Path> files) {
    List<Path> bad = verifyImages(files);
    if (bad.isEmpty()) {
      return files;
    }
    System.err.println(
        "Warning: skipping "
            + bad.size()
            + " unreadable image file"
            + (bad.size() == 1 ? "" : "s")
            + " of "
            + files.size()
            + ": "
            + bad);
    List<Path> ok = new ArrayList<>(files);
    ok.removeAll(bad);
    return ok;
  }
}
