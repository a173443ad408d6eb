package org.boarfish.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.boarfish.FreshJvm;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Splitters;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Prediction;
import org.boarfish.metrics.Metrics;
import org.boarfish.tensor.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Training, predict on raw rows, export and load in a fresh JVM, and a short fit on adult. */
class TabularLearnerTest {
  @TempDir Path dir;

  /** 1000 rows: label "hi" when color is red or x > 0.5 (with missing x and a blank color). */
  Path smallCsv() throws Exception {
    Random r = new Random(7);
    String[] colors = {"red", "blue", "green"};
    StringBuilder sb = new StringBuilder("color,x,z,label\n");
    for (int i = 0; i < 1000; i++) {
      String c = i % 37 == 0 ? "" : colors[r.nextInt(3)];
      double x = r.nextGaussian();
      boolean hi = c.equals("red") || x > 0.5;
      String xs = i % 23 == 0 ? "" : String.format("%.4f", x);
      sb.append(c).append(',').append(xs).append(',').append(r.nextGaussian()).append(',');
      sb.append(hi ? "hi" : "lo").append('\n');
    }
    Path f = dir.resolve("small.csv");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void predictsRawRowsAndTheExportPredictsTheSameInAFreshJvm() throws Exception {
    Generator.manualSeed(1);
    DataLoaders dls =
        TabularDataLoaders.fromCsv(
            smallCsv(),
            List.of(new Categorify(), new FillMissing(), new Normalize()),
            List.of("color"),
            List.of("x", "z"),
            "label",
            Splitters.random(0.2, 42),
            32);
    Learner learn =
        Tabular.learner(dls, List.of(20, 10), Metrics.accuracy())
            .addCbs(); // defaults: Adam, cross-entropy from the category target
    learn.fitOneCycle(5, 1e-2);
    double acc = learn.recorder().lastValue("accuracy");
    assertTrue(acc > 0.85, "learned the rule: accuracy " + acc);

    Map<String, Object> red = new LinkedHashMap<>(Map.of("color", "red", "x", -1.0, "z", 0.0));
    Prediction p = learn.predict(red);
    assertEquals("hi", p.label());
    Map<String, Object> blue = new LinkedHashMap<>(Map.of("color", "blue", "x", -1.0, "z", 0.0));
    assertEquals("lo", learn.predict(blue).label());
    // an unseen category and a missing value still predict
    Map<String, Object> odd = new LinkedHashMap<>();
    odd.put("color", "purple");
    odd.put("x", null);
    Prediction po = learn.predict(odd);
    float[] probs = po.probs().toFloatArray();
    assertEquals(1.0, probs[0] + probs[1], 1e-5);
    // a Tablesaw Row works like a Map
    Table t = TabularDataLoaders.readCsv(smallCsv(), List.of("color"));
    Prediction pr = learn.predict(t.row(1));
    Map<String, Object> same = new LinkedHashMap<>();
    same.put("color", t.stringColumn("color").get(1));
    same.put("x", t.column("x").isMissing(1) ? null : t.numberColumn("x").getDouble(1));
    same.put("z", t.numberColumn("z").getDouble(1));
    assertEquals(learn.predict(same).probs().toFloatArray()[0], pr.probs().toFloatArray()[0], 1e-6);

    // predict on a raw row gives what the validation pass gives on the same (processed) row
    int firstValid =
        Splitters.random(0.2, 42).split(java.util.Collections.nCopies(1000, 0)).valid()[0];
    float pv = learn.getPreds().preds().toFloatArray()[0];
    assertEquals(pv, learn.predict(t.row(firstValid)).probs().toFloatArray()[0], 1e-5);

    Path f = dir.resolve("tab.boarfish");
    learn.export(f);
    String out = runFresh(f, "color=purple", "x=", "z=0.3");
    Prediction expected = learn.predict(Map.of("color", "purple", "z", "0.3"));
    String[] parts =
        out.lines()
            .filter(l -> l.startsWith("PRED "))
            .findFirst()
            .orElseThrow(() -> new AssertionError(out))
            .split(" ");
    assertEquals(String.valueOf(expected.label()), parts[1], out);
    assertEquals(expected.index(), Integer.parseInt(parts[2]), out);
    assertEquals(expected.probs().toFloatArray()[0], Float.parseFloat(parts[3]), 1e-6, out);
    dls.close();
  }

  private static String runFresh(Path export, String... row) throws Exception {
    List<String> args = new ArrayList<>(List.of(export.toString()));
    args.addAll(List.of(row));
    return FreshJvm.run(TabularExportedPredict.class, args.toArray(String[]::new));
  }

  @Test
  void aShortFitOnAdultBeatsTheMajorityClass() {
    Path csv = Path.of("../shared/data/adult/adult.csv");
    List<String> cats =
        List.of("workclass", "education", "marital-status", "occupation", "relationship", "race");
    Table df = TabularDataLoaders.readCsv(csv, cats).first(6000);
    Generator.manualSeed(0);
    TabularData to =
        TabularData.builder(df)
            .procs(new Categorify(), new FillMissing(), new Normalize())
            .catNames(cats)
            .contNames("age", "fnlwgt", "education-num")
            .yNames("salary")
            .splitter(Splitters.random(0.2, 42))
            .build();
    assertEquals(List.of("<50k", ">=50k"), to.yVocab().items());
    int[] y = to.columns().yCodes();
    int majority = 0;
    for (int r : to.splits().valid()) {
      majority += y[r] == 0 ? 1 : 0;
    }
    double base = (double) majority / to.splits().valid().length;
    try (DataLoaders dls = to.dataloaders(64)) {
      Learner learn = Tabular.learner(dls, List.of(200, 100), Metrics.accuracy());
      learn.fitOneCycle(1, 1e-2);
      double acc = learn.recorder().lastValue("accuracy");
      assertTrue(acc > base + 0.03, "accuracy " + acc + " vs majority " + base);
    }
  }
}
