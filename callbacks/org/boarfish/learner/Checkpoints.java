package org.boarfish.learner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.boarfish.io.SafeTensors;
import org.boarfish.tensor.Tensor;

/**
 * {@link Learner#save} and {@link Learner#load(String)}: one safetensors file {@code
 * path/modelDir/name.safetensors} holding the model's state dict under {@code model.} and, with the
 * optimizer, its state under {@code opt.}; written atomically, so a crash leaves the previous file
 * intact.
 */
final class Checkpoints {
  static final String MODEL = "model.";
  static final String OPT = "opt.";

  private Checkpoints() {}

  static Path file(Learner learn, String name) {
    if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException(
          "a checkpoint name must be a plain file name without folders, got '" + name + "'");
    }
    return learn.path().resolve(learn.modelDir()).resolve(name + ".safetensors");
  }

  static Path save(Learner learn, String name, boolean withOpt) {
    Path f = file(learn, name);
    Map<String, Tensor> all = new LinkedHashMap<>();
    learn.model().stateDict().forEach((k, v) -> all.put(MODEL + k, v));
    if (withOpt && learn.hasOpt()) {
      learn.opt().stateDict().forEach((k, v) -> all.put(OPT + k, v));
    }
    SafeTensors.write(
        all,
        f,
        Map.of(
            "format",
            "boarfish-checkpoint",
            "version",
            "1",
            "with_opt",
            Boolean.toString(withOpt && learn.hasOpt())));
    return f;
  }

  static void load(Learner learn, String name, boolean withOpt) {
    Path f = file(learn, name);
    if (!Files.exists(f)) {
      throw new IllegalArgumentException(
          "no saved model '"
              + name
              + "': "
              + f.toAbsolutePath()
              + " does not exist; save it "
              + "first with learn.save(\""
              + name
              + "\")");
    }
    Map<String, Tensor> all = SafeTensors.read(f);
    Map<String, Tensor> model = new LinkedHashMap<>();
    Map<String, Tensor> opt = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith(MODEL)) {
            model.put(k.substring(MODEL.length()), v);
          } else if (k.startsWith(OPT)) {
            opt.put(k.substring(OPT.length()), v);
          }
        });
    if (model.isEmpty()) {
      throw new IllegalArgumentException(
          f
              + " holds no model weights (no 'model.' keys): it was not written by "
              + "Learner.save; load plain weight files with learn.model().load(file)");
    }
    learn.model().loadStateDict(model);
    if (withOpt) {
      if (opt.isEmpty()) {
        learn
            .out()
            .println(
                "Saved file "
                    + f.getFileName()
                    + " has no optimizer state; only the model was loaded");
      } else {
        learn.opt().loadStateDict(opt);
      }
    }
  }
}
