package org.boarfish.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.boarfish.FreshJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application's {@link org.boarfish.data.InputEncoder}: predict on raw input, and the same
 * prediction from the export in a fresh JVM that never ran the training code.
 */
class EncoderExportTest {
  @TempDir Path dir;

  @Test
  void encodedPredictionSurvivesExportIntoAFreshJvm() throws Exception {
    new CsvEncoderPlugin().register();
    var model = ModelRegistry.build("tiny_encoded", ModelConfig.empty());
    var dls = Tiny.dls().inputEncoder(new CsvEncoderPlugin.CsvEncoder(0.5));
    Learner learn = Learner.builder(dls, model).path(dir).progress(false).build();
    learn.fit(2, 1e-2);
    String raw = "4, 2, 0, 0";
    Prediction p = learn.predict(raw);
    // the encoder's scale reached the model: "4,2,0,0" at 0.5 is the tensor [2, 1, 0, 0]
    float[] direct;
    try (var ng = org.boarfish.tensor.Autograd.noGrad()) {
      var x = org.boarfish.tensor.Tensor.of(new float[] {2, 1, 0, 0}, 1, 4);
      direct = learn.model().call(x).softmax(-1).toFloatArray();
    }
    assertEquals(direct[1] > direct[0] ? 1 : 0, p.index());
    assertEquals(direct[1], p.probs().toFloatArray()[1], 1e-6);

    Path f = dir.resolve("enc.boarfish");
    learn.export(f);
    String out = FreshJvm.run(ExportedPredict.class, f.toString(), raw);
    String line = FreshJvm.line(out, "PRED ");
    String[] parts = line.split(" ");
    assertEquals(p.index(), Integer.parseInt(parts[1]), out);
    assertEquals(p.probs().toFloatArray()[0], Float.parseFloat(parts[2]), 1e-6, out);
    assertTrue(Files.exists(f));
  }
}
