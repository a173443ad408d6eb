package org.boarfish.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.boarfish.collab.Collab;
import org.boarfish.collab.CollabDataLoaders;
import org.boarfish.collab.CollabInterpretation;
import org.boarfish.collab.MovieLens;
import org.boarfish.collab.YRange;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DownloadException;
import org.boarfish.learner.Learner;
import org.boarfish.tensor.Generator;

/**
 * {@code ./boarfish movielens}: chapter 8 of the fastai book. MovieLens 100K ratings ({@code
 * --data} ratings.csv or u.data; default: the data cache, downloaded on first use), a random 20%
 * validation split with seed 42 (fastai's rows), {@link org.boarfish.collab.EmbeddingDotBias} with
 * 50 factors and yRange (0, 5.5) trained with {@code fitOneCycle(5, 5e-3)} and wd 0.1; then the
 * same with {@link org.boarfish.collab.EmbeddingNN}. Flags: {@code --test FILE} (more ratings, same
 * format: test_mse), {@code --epochs N}, {@code --out DIR}, {@code --bs N}, {@code --seed N} (model
 * init), {@code --nn 0} to skip the NN.
 */
public final class Movielens {
  private Movielens() {}

  public static void main(String[] argv) {
    ExampleArgs args = ExampleArgs.parse("movielens", argv, "bs", "seed", "lr", "nn");
    Path ratings = args.pathOrNull("data");
    if (ratings == null) {
      try {
        ratings = MovieLens.ratingsFile(MovieLens.ml100k());
      } catch (DownloadException e) {
        System.err.println(e.getMessage());
        System.err.println(
            "or run with --data path/to/ml-100k/u.data (or a ratings.csv with header"
                + " userId,movieId,rating,timestamp)");
        System.exit(2);
      }
    }
    int epochs = args.integer("epochs", 5);
    double lr = args.number("lr", 5e-3);
    Path out = args.out();
    long start = System.nanoTime();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("example", "movielens");
    result.put("epochs", epochs);

    try (CollabDataLoaders dls =
        CollabDataLoaders.fromCsv(ratings, 0.2, null, null, null, 42L, args.integer("bs", 64))) {
      Path titles = MovieLens.titlesFile(ratings);
      if (titles != null) {
        dls.titles(titles);
      }
      System.out.println(dls);
      dls.showBatch();

      Generator.manualSeed(args.integer("seed", 42));
      Learner learn =
          Collab.builder(dls, 50, false, null, YRange.of(0, 5.5)).wd(0.1).path(out).build();
      System.out.println(learn.model());
      learn.fitOneCycle(epochs, lr);
      result.put("valid_mse", learn.validate().loss());

      var interp = CollabInterpretation.from(learn);
      System.out.print(CollabInterpretation.table("lowest item bias", interp.leastBiased(5)));
      System.out.print(CollabInterpretation.table("highest item bias", interp.mostBiased(5)));
      List<String> top = dls.mostRated(1000);
      Path png = interp.plotItemFactors(top, 50, out.resolve("item_factors_pca.png"));
      System.out.println("PCA of the 1,000 most rated items' factors, 50 shown: " + png);
      System.out.print(
          CollabInterpretation.table(
              "most similar to " + dls.classes().itemLabel(dls.items().indexOf(top.get(0))),
              interp.similarItems(top.get(0), 5)));

      Path exported = out.resolve("movielens.boarfish");
      learn.export(exported);
      Learner loaded = Learner.load(exported);
      String user = dls.users().get(1);
      double before = Collab.predict(learn, user, top.get(0));
      double after = Collab.predict(loaded, user, top.get(0));
      System.out.printf(
          "exported to %s; user %s, item %s: %.4f before, %.4f after Learner.load%n",
          exported, user, top.get(0), before, after);

      Path test = args.pathOrNull("test");
      if (test != null) {
        try (DataLoader tdl = dls.testDl(test)) {
          result.put("test_mse", learn.validate(tdl).loss());
        }
      }

      if (args.integer("nn", 1) != 0) {
        Generator.manualSeed(args.integer("seed", 42));
        Learner nn =
            Collab.builder(dls, 50, true, new int[] {100, 50}, YRange.of(0, 5.5))
                .wd(0.1)
                .path(out)
                .build();
        System.out.println(nn.model());
        nn.fitOneCycle(epochs, lr);
        result.put("valid_mse_nn", nn.validate().loss());
      }
    }
    result.put("seconds", (System.nanoTime() - start) / 1e9);
    ExampleArgs.printResult(result);
  }
}
