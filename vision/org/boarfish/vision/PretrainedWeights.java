package org.boarfish.vision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.boarfish.data.DataCache;
import org.boarfish.data.DatasetUrl;
import org.boarfish.data.DownloadException;
import org.boarfish.data.Downloads;
import org.boarfish.io.PthReader;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Tensor;

/**
 * torchvision's published ImageNet checkpoints: where they come from, where they are cached, and
 * how they are checked and loaded.
 *
 * <p>A checkpoint is looked for, in order, at {@code <BOARFISH_HOME>/models/<file>} (default {@code
 * ~/.boarfish/models}) and in PyTorch's own cache {@code $TORCH_HOME/hub/checkpoints/<file>}
 * (default {@code ~/.cache/torch/hub/checkpoints}); otherwise it is downloaded into the first. As
 * torch.hub does, the file's SHA-256 must start with the 8 hex digits torchvision puts in the file
 * name. The file is read with the restricted {@link PthReader} (tensors only, no code).
 */
public final class PretrainedWeights {
  /**
   * System property with the base address of a mirror of torchvision's checkpoints (same file
   * names), used instead of {@code https://download.pytorch.org/models/}.
   */
  public static final String MIRROR_PROPERTY = "boarfish.models.url";

  private static final String BASE = "https://download.pytorch.org/models/";
  private static final Map<String, String> FILES =
      Map.of(
          "resnet18", "resnet18-f37072fd.pth",
          "resnet34", "resnet34-b627a593.pth",
          "resnet50", "resnet50-0676ba61.pth",
          "resnet101", "resnet101-63fe2227.pth",
          "resnet152", "resnet152-394f9c45.pth");

  private PretrainedWeights() {}

  /** Whether torchvision publishes ImageNet weights for {@code arch} (e.g. "resnet34"). */
  public static boolean has(String arch) {
    return FILES.containsKey(arch);
  }

  /**
   * The download address of {@code arch}'s checkpoint: torchvision's, or under the base address in
   * the system property {@value #MIRROR_PROPERTY} (a mirror holding the same file names).
   */
  public static String url(String arch) {
    String base = System.getProperty(MIRROR_PROPERTY);
    base = base == null || base.isBlank() ? BASE : base.endsWith("/") ? base : base + "/";
    return base + file(arch);
  }

  /** Where Boarfish keeps {@code arch}'s checkpoint: {@code <BOARFISH_HOME>/models/<file>}. */
  public static Path cachePath(String arch) {
    return DataCache.defaults().root().resolve("models").resolve(file(arch));
  }

  /** The local checkpoint of {@code arch}, downloaded and checked on first use. */
  public static Path fetch(String arch) {
    return fetch(
        "the ImageNet weights of " + arch, url(arch), file(arch), DataCache.defaults(), torchHub());
  }

  /**
   * The checkpoint {@code name} (whose SHA-256 starts with the hex digits after its last {@code
   * -}): {@code <cache>/models/<name>} or {@code <torchHub>/<name>} if present, else downloaded
   * from {@code url} into a temporary file of the cache, checked, and renamed to {@code
   * <cache>/models/<name>}; a download that fails the check is deleted.
   */
  static Path fetch(String what, String url, String name, DataCache cache, Path torchHub) {
    Path ours = cache.root().resolve("models").resolve(name);
    if (Files.isRegularFile(ours)) {
      return checked(ours, name);
    }
    Path torch = torchHub.resolve(name);
    if (Files.isRegularFile(torch)) {
      return checked(torch, name);
    }
    Path temp = ours.resolveSibling(name + "." + Long.toHexString(System.nanoTime()) + ".download");
    try {
      try {
        Downloads.file(DatasetUrl.of(url), cache, temp);
      } catch (DownloadException e) {
        throw new DownloadException(
            "Could not download "
                + what
                + " from "
                + url
                + " ("
                + e.getMessage().lines().findFirst().orElse("")
                + ").\nTo supply them by hand, download that file and put it, with the same name, at\n  "
                + ours
                + "\n(or in PyTorch's cache "
                + torch
                + ").",
            url,
            ours.getParent(),
            e);
      }
      String problem = shaProblem(temp, name);
      if (problem != null) {
        throw new DownloadException(
            "The download of "
                + what
                + " from "
                + url
                + " "
                + problem
                + "; it was deleted. Check the address (or the mirror set with -D"
                + MIRROR_PROPERTY
                + ") and try again.",
            url,
            ours.getParent());
      }
      Files.move(temp, ours, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not move the download " + temp + " to " + ours + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
    return ours;
  }

  /** Loads {@code arch}'s ImageNet weights into {@code model} (torchvision's key names). */
  public static void load(String arch, Module model) {
    Map<String, Tensor> sd = PthReader.read(fetch(arch));
    model.loadStateDict(sd);
  }

  private static String file(String arch) {
    String f = FILES.get(arch);
    if (f == null) {
      throw new IllegalArgumentException(
          "torchvision publishes no ImageNet weights for '"
              + arch
              + "' (known: "
              + new java.util.TreeSet<>(FILES.keySet())
              + "); use Pretrained.NONE");
    }
    return f;
  }

  private static Path torchHub() {
    String th = System.getenv("TORCH_HOME");
    Path home =
        th != null && !th.isBlank()
            ? Path.of(th)
            : Path.of(System.getProperty("user.home"), ".cache", "torch");
    return home.resolve("hub").resolve("checkpoints");
  }

  /** Checks the SHA-256 prefix torchvision puts in the name ({@code resnet34-b627a593.pth}). */
  static Path checked(Path file, String name) {
    String problem = shaProblem(file, name);
    if (problem != null) {
      throw new IllegalStateException(
          file
              + " is damaged or not torchvision's "
              + name
              + ": "
              + problem
              + "; delete it and try again");
    }
    return file;
  }

  /** Null if the SHA-256 of {@code file} starts with the prefix in {@code name}, else why not. */
  private static String shaProblem(Path file, String name) {
    String prefix = name.substring(name.lastIndexOf('-') + 1, name.lastIndexOf('.'));
    String sha = sha256(file);
    return sha.startsWith(prefix)
        ? null
        : "has the SHA-256 " + sha + ", which does not start with " + prefix + " as its name says";
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover temporary file; the next download uses another name
    }
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) >= 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
