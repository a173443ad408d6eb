package org.boarfish.data;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** fastai's item getters and the simplest labeller: {@code get_files}, {@code parent_label}. */
public final class Getters {
  private static final Function<Object, Object> PARENT_LABEL =
      new Function<>() {
        @Override
        public Object apply(Object o) {
          return parentLabel(o);
        }

        @Override
        public String toString() {
          return "parentLabel";
        }
      };

  private Getters() {}

  /**
   * The files under {@code path}, like fastai's {@code get_files}: with one of the {@code
   * extensions} (any case, with or without the dot; empty for all), in subfolders too when {@code
   * recurse}, and (at the top level only) only in the named {@code folders} when any are given.
   * Hidden files and folders are skipped. The result is sorted by path, so it is the same on every
   * machine.
   */
  public static List<Path> getFiles(
      Path path, List<String> extensions, boolean recurse, List<String> folders) {
    if (!Files.isDirectory(path)) {
      throw new IllegalArgumentException(
          "getFiles: "
              + path
              + " is not a folder"
              + (Files.exists(path) ? "" : " (it does not exist)"));
    }
    Set<String> exts = new HashSet<>();
    for (String e : extensions) {
      String x = e.toLowerCase(Locale.ROOT);
      exts.add(x.startsWith(".") ? x : "." + x);
    }
    List<Path> out = new ArrayList<>();
    walk(path, exts, recurse, new HashSet<>(folders), true, out);
    Collections.sort(out);
    return Collections.unmodifiableList(out);
  }

  /**
   * The files under {@code path} and its subfolders with one of the extensions (all files if none).
   */
  public static List<Path> getFiles(Path path, String... extensions) {
    return getFiles(path, List.of(extensions), true, List.of());
  }

  /**
   * A {@code getItems} for {@link DataBlock}: {@link #getFiles(Path, String...)} of the source
   * folder.
   */
  public static Function<Object, List<Path>> files(String... extensions) {
    List<String> ext = List.of(extensions);
    return new Function<>() {
      @Override
      public List<Path> apply(Object source) {
        return getFiles(toPath(source, "getFiles"), ext, true, List.of());
      }

      @Override
      public String toString() {
        return "getFiles" + (ext.isEmpty() ? "" : ext.toString());
      }
    };
  }

  private static void walk(
      Path dir,
      Set<String> exts,
      boolean recurse,
      Set<String> folders,
      boolean top,
      List<Path> out) {
    List<Path> subdirs = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        if (Files.isDirectory(p)) {
          if (recurse && (!top || folders.isEmpty() || folders.contains(name))) {
            subdirs.add(p);
          }
        } else if (exts.isEmpty() || exts.contains(extension(name))) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("getFiles: cannot list " + dir, e);
    }
    for (Path d : subdirs) {
      walk(d, exts, recurse, folders, false, out);
    }
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
  }

  /**
   * fastai's {@code parent_label}: the name of the folder holding the file ({@code train/3/7.png}
   * gives "3").
   */
  public static String parentLabel(Object file) {
    Path p = toPath(file, "parentLabel");
    Path parent = p.getParent();
    if (parent == null || parent.getFileName() == null) {
      throw new IllegalArgumentException(
          "parentLabel: " + p + " has no parent folder to take the label from");
    }
    return parent.getFileName().toString();
  }

  /**
   * {@link #parentLabel(Object)} as a named getter ({@code .getY(Getters.parentLabel())} shows as
   * "parentLabel").
   */
  public static Function<Object, Object> parentLabel() {
    return PARENT_LABEL;
  }

  /** A path from a {@link Path}, {@link File} or string; an error naming {@code who} otherwise. */
  static Path toPath(Object o, String who) {
    if (o instanceof Path p) {
      return p;
    }
    if (o instanceof File f) {
      return f.toPath();
    }
    if (o instanceof String s) {
      return Path.of(s);
    }
    throw new IllegalArgumentException(
        who + " needs a file path (Path, File or String) but got " + Describe.of(o));
  }
}
