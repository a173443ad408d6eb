package org.boarfish.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.boarfish.data.LossHint;
import org.boarfish.nn.Losses;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate/getPreds/tta, save/load, export errors, bad input and the progress output. */
class InferenceAndFilesTest {
  @TempDir Path dir;

  @Test
  void saveAndLoadRestoreModelAndOptimizer() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    learn.fit(1, 1e-2);
    Path f = learn.save("stage1");
    assertEquals(dir.resolve("models/stage1.safetensors"), f);
    float[] w = learn.model().parameters().get(0).toFloatArray();
    var opt = learn.opt().stateDict();
    learn.fit(1, 1e-2);
    assertFalse(java.util.Arrays.equals(w, learn.model().parameters().get(0).toFloatArray()));
    learn.load("stage1");
    assertArrayEquals(w, learn.model().parameters().get(0).toFloatArray());
    learn
        .opt()
        .stateDict()
        .forEach((k, v) -> assertArrayEquals(opt.get(k).toDoubleArray(), v.toDoubleArray(), 0, k));
    var e = assertThrows(IllegalArgumentException.class, () -> learn.load("nope"));
    assertTrue(e.getMessage().contains("learn.save(\"nope\")"), e.getMessage());
  }

  @Test
  void ttaMixesAugmentedAndCleanPredictions() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    learn.fit(1, 1e-2);
    Preds clean = learn.getPreds();
    Preds t = learn.tta();
    // no random transforms here, so the augmented passes equal the clean one
    assertArrayEquals(clean.preds().toFloatArray(), t.preds().toFloatArray(), 1e-6f);
    assertArrayEquals(clean.targets().toLongArray(), t.targets().toLongArray());
  }

  @Test
  void exportNeedsARecipeAndRejectsDamagedOrNewerFiles() throws Exception {
    Learner plain = Tiny.learner(dir, new Tiny.Sink());
    var e =
        assertThrows(IllegalStateException.class, () -> plain.export(dir.resolve("x.boarfish")));
    assertTrue(e.getMessage().contains("ModelRegistry"), e.getMessage());

    ModelRegistry.register("tiny_mlp", c -> Tiny.model());
    var model = ModelRegistry.build("tiny_mlp", ModelConfig.empty().with("hidden", 8));
    Learner learn = Learner.builder(Tiny.dls(), model).path(dir).progress(false).build();
    learn.fit(1, 1e-2);
    Path f = dir.resolve("tiny.boarfish");
    learn.export(f);
    learn.export(f);
    try (var ls = Files.list(dir)) {
      assertEquals(
          0,
          ls.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(),
          "no temporary file left");
    }
    Learner loaded = Learner.load(f);
    Tensor x = Tiny.data(1, 9)[0].squeeze(0);
    assertEquals(learn.predict(x).index(), loaded.predict(x).index());
    assertTrue(loaded.toString().contains("tiny_mlp"), loaded.toString());
    assertThrows(IllegalStateException.class, () -> loaded.fit(1));

    Path damaged = dir.resolve("damaged.boarfish");
    byte[] bytes = Files.readAllBytes(f);
    Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    var d = assertThrows(IllegalArgumentException.class, () -> Learner.load(damaged));
    assertTrue(d.getMessage().contains("damaged"), d.getMessage());

    Path newer = dir.resolve("newer.boarfish");
    try (OutputStream os = Files.newOutputStream(newer);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      zip.putNextEntry(new ZipEntry("manifest.json"));
      zip.write("{\"format\":\"boarfish-learner\",\"version\":7}".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    var n = assertThrows(IllegalArgumentException.class, () -> Learner.load(newer));
    assertTrue(n.getMessage().contains("newer Boarfish (export format version 7)"), n.getMessage());
    var missing =
        assertThrows(
            IllegalArgumentException.class, () -> Learner.load(dir.resolve("none.boarfish")));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }

  @Test
  void badInputGivesClearErrors() {
    Tensor[] d = Tiny.data(32, 1);
    var empty =
        TensorDataLoaders.of(
            d[0].slice(0, 0, 4), d[1].slice(0, 0, 4), d[0], d[1], 16, 1, LossHint.CROSS_ENTROPY);
    Learner l1 = Learner.builder(empty, Tiny.model()).path(dir).progress(false).build();
    var e1 = assertThrows(IllegalStateException.class, () -> l1.fit(1));
    assertTrue(
        e1.getMessage().contains("has no batches (4 items, bs 16, dropLast)"), e1.getMessage());

    Learner l2 =
        Learner.builder(Tiny.dls(), Tiny.model())
            .lossFunc(Losses.mse())
            .path(dir)
            .progress(false)
            .build();
    var e2 = assertThrows(IllegalArgumentException.class, () -> l2.fit(1));
    assertTrue(e2.getMessage().contains("does not fit the loss"), e2.getMessage());

    var noHint = TensorDataLoaders.of(d[0], d[1], d[0], d[1], 16, 1, LossHint.NONE);
    var e3 =
        assertThrows(
            IllegalArgumentException.class, () -> Learner.builder(noHint, Tiny.model()).build());
    assertTrue(e3.getMessage().contains("lossFunc(Losses.crossEntropy())"), e3.getMessage());
  }

  @Test
  void progressPrintsAPlainTableWithoutATerminal() {
    Tiny.Sink sink = new Tiny.Sink();
    Learner learn =
        Learner.builder(Tiny.dls(), Tiny.model())
            .path(dir)
            .out(sink.stream())
            .metrics(Tiny.scripted("accuracy", true, 0.5))
            .build();
    learn.fit(2, 1e-3);
    String out = sink.text();
    List<String> lines = out.lines().toList();
    assertEquals("epoch     train_loss  valid_loss  accuracy  time", lines.get(0));
    assertEquals(3, lines.size(), out);
    assertTrue(
        lines.get(1).matches("0 {9}\\d\\.\\d{6} {4}\\d\\.\\d{6} {4}0\\.500000  \\d\\d:\\d\\d"),
        lines.get(1));
    assertFalse(out.contains("\r") || out.contains("\u001b"), "no control characters");
    assertEquals(learn.recorder().table().strip(), out.strip());

    Tiny.Sink tty = new Tiny.Sink();
    Learner l2 =
        Learner.builder(Tiny.dls(), Tiny.model())
            .path(dir)
            .progress(false)
            .callbacks(new Progress(tty.stream(), true))
            .build();
    l2.fit(1, 1e-3);
    assertTrue(tty.text().contains("\r") && tty.text().contains("it/s"), tty.text());
  }
}
