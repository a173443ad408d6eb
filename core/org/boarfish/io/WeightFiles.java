package org.boarfish.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.boarfish.tensor.Tensor;

/**
 * Reads and writes state dicts in the format a file's extension names: {@code .safetensors} ({@link
 * SafeTensors}), {@code .pth}/{@code .pt}/{@code .bin}/{@code .ckpt} (PyTorch, read only: {@link
 * PthReader}) and {@code .npz} ({@link Npz}).
 *
 * <pre>{@code
 * var sd = WeightFiles.read(Path.of("resnet18.pth"));
 * WeightFiles.write(sd, Path.of("resnet18.safetensors"));
 * }</pre>
 */
public final class WeightFiles {
  private WeightFiles() {}

  /** The tensors of {@code file}, by name in file order. */
  public static LinkedHashMap<String, Tensor> read(Path file) {
    switch (extension(file)) {
      case "safetensors":
        return SafeTensors.read(file);
      case "pth":
      case "pt":
      case "bin":
      case "ckpt":
        return PthReader.read(file);
      case "npz":
        return Npz.read(file);
      default:
        throw new IllegalArgumentException(
            "cannot tell the format of "
                + file
                + " from its extension; Boarfish reads "
                + ".safetensors, .pth/.pt/.bin/.ckpt (PyTorch) and .npz");
    }
  }

  /** Writes {@code tensors} to {@code file} as safetensors or npz, by its extension, atomically. */
  public static void write(Map<String, Tensor> tensors, Path file) {
    switch (extension(file)) {
      case "safetensors":
        SafeTensors.write(tensors, file);
        break;
      case "npz":
        Npz.write(tensors, file);
        break;
      case "pth":
      case "pt":
      case "bin":
      case "ckpt":
        throw new IllegalArgumentException(
            "Boarfish does not write PyTorch pickles ("
                + file
                + "); write .safetensors, "
                + "which PyTorch loads with safetensors.torch.load_file");
      default:
        throw new IllegalArgumentException(
            "cannot tell the format for "
                + file
                + " from its extension; Boarfish writes "
                + ".safetensors and .npz");
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
