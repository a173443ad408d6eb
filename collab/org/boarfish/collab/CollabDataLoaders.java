package org.boarfish.collab;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.boarfish.data.DataLoader;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.LossHint;
import org.boarfish.data.Splits;
import org.boarfish.data.Splitters;
import org.boarfish.data.Tuple;
import org.boarfish.tensor.Generator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.Table;

/**
 * fastai's {@code CollabDataLoaders}: ratings (user, item, rating) split at random (torch's
 * permutation, so a seed gives fastai's split), user and item vocabularies learned on the training
 * rows with {@code #na#} at 0, and batches {@code x [B, 2]} int64 (user row, item row) with {@code
 * y [B]} float ratings.
 *
 * <pre>{@code
 * var dls = CollabDataLoaders.fromCsv(Path.of("ratings.csv"), 0.2, null, null, null, 42L, 64)
 *     .titles(ItemTitles.read(Path.of("movies.csv")));
 * dls.showBatch();
 * var learn = Collab.learner(dls, 50, YRange.of(0, 5.5));
 * }</pre>
 *
 * <p>Duplicate (user, item) pairs are kept, as fastai does, and counted in a warning.
 */
public final class CollabDataLoaders implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CollabDataLoaders.class);

  private final DataLoaders dls;
  private final IdVocab users;
  private final IdVocab items;
  private final String userName;
  private final String itemName;
  private final String ratingName;
  private final int duplicates;
  private final int bs;
  private volatile ItemTitles titles;
  private final CollabEncoder encoder;
  private final int[] itemCounts;

  private CollabDataLoaders(
      RatingColumns cols, Splits splits, int bs, long seed, IdVocab users, IdVocab items) {
    this.users = users;
    this.items = items;
    this.userName = cols.userName;
    this.itemName = cols.itemName;
    this.ratingName = cols.ratingName;
    this.duplicates = cols.duplicatePairs();
    this.bs = bs;
    RatingRows rows = RatingRows.encode(cols, users, items);
    this.itemCounts = rows.itemCounts(splits.train(), items.size());
    DataLoader train =
        rows.loader(splits.train(), bs, true, seed, "train").shower(this::show).build();
    DataLoader valid =
        rows.loader(splits.valid(), bs, false, seed, "valid").shower(this::show).build();
    this.dls = new DataLoaders(List.of(train, valid), LossHint.MSE);
    this.encoder = new CollabEncoder(this::classes, userName, itemName);
    dls.inputEncoder(encoder);
  }

  // ---------------------------------------------------------------- factories

  /** {@code fromCsv(file, 0.2, null, null, null, null, 64)}: a random split with a random seed. */
  public static CollabDataLoaders fromCsv(Path file) {
    return fromCsv(file, 0.2, null, null, null, null, 64);
  }

  /** The first three columns as user, item, rating; a seeded split. */
  public static CollabDataLoaders fromCsv(Path file, double validPct, long seed, int bs) {
    return fromCsv(file, validPct, null, null, null, seed, bs);
  }

  /**
   * Ratings read from {@code ratings.csv} (a header line) or GroupLens's {@code u.data}
   * (tab-separated, no header; columns {@code userId, movieId, rating, timestamp}); null column
   * names mean the 1st, 2nd and 3rd column; a null seed draws one from {@link Generator#global()}.
   */
  public static CollabDataLoaders fromCsv(
      Path file,
      double validPct,
      String userName,
      String itemName,
      String ratingName,
      Long seed,
      int bs) {
    return fromDf(RatingsFile.read(file), validPct, userName, itemName, ratingName, seed, bs);
  }

  /** fastai's {@code from_df} on a Tablesaw table (columns of ids: any type; ratings: numbers). */
  public static CollabDataLoaders fromDf(
      Table ratings,
      double validPct,
      String userName,
      String itemName,
      String ratingName,
      Long seed,
      int bs) {
    if (!(validPct > 0 && validPct < 1)) {
      throw new IllegalArgumentException("validPct must be in (0, 1), got " + validPct);
    }
    if (bs < 1) {
      throw new IllegalArgumentException("bs must be positive, got " + bs);
    }
    RatingColumns cols = RatingColumns.of(ratings, userName, itemName, ratingName);
    long s = seed != null ? seed : Generator.global().nextLong(0, Integer.MAX_VALUE);
    Splits splits = Splitters.random(validPct, s).split(new RowCount(cols.size()));
    IdVocab users = IdVocab.of(RatingColumns.pick(cols.users, splits.train()));
    IdVocab items = IdVocab.of(RatingColumns.pick(cols.items, splits.train()));
    if (users.size() < 3) {
      throw new IllegalArgumentException(
          "the ratings have a single user ('"
              + cols.users[0]
              + "' in column '"
              + cols.userName
              + "') in the training split: collaborative filtering needs ratings by several users"
              + " (is userName the right column?)");
    }
    if (items.size() < 3) {
      throw new IllegalArgumentException(
          "the ratings have a single item ('"
              + cols.items[0]
              + "' in column '"
              + cols.itemName
              + "') in the training split: collaborative filtering needs several items"
              + " (is itemName the right column?)");
    }
    CollabDataLoaders out = new CollabDataLoaders(cols, splits, bs, s, users, items);
    if (out.duplicates > 0) {
      LOG.warn(
          "{} of {} ratings repeat an earlier ({}, {}) pair; they are kept, as fastai does",
          out.duplicates,
          cols.size(),
          cols.userName,
          cols.itemName);
    }
    return out;
  }

  // ---------------------------------------------------------------- test data

  /**
   * A loader over more ratings in the same format (file), encoded with the training vocabularies:
   * unseen users or items use the {@code #na#} row. For {@code learn.validate(dl)}.
   */
  public DataLoader testDl(Path file) {
    return testDl(RatingsFile.read(file));
  }

  /** A loader over more ratings (a table with the same column names as the training data). */
  public DataLoader testDl(Table ratings) {
    RatingColumns cols =
        RatingColumns.of(
            ratings,
            ratings.containsColumn(userName) ? userName : null,
            ratings.containsColumn(itemName) ? itemName : null,
            ratings.containsColumn(ratingName) ? ratingName : null);
    RatingRows rows = RatingRows.encode(cols, users, items);
    int[] all = new int[cols.size()];
    for (int k = 0; k < all.length; k++) {
      all[k] = k;
    }
    return rows.loader(all, bs, false, 0, "test").shower(this::show).build();
  }

  // ---------------------------------------------------------------- accessors

  /** The loaders to give a {@link org.boarfish.learner.Learner} (they carry the input encoder). */
  public DataLoaders dls() {
    return dls;
  }

  /** The training loader. */
  public DataLoader train() {
    return dls.train();
  }

  /** The validation loader. */
  public DataLoader valid() {
    return dls.valid();
  }

  /** The user vocabulary ({@code #na#} at 0). */
  public IdVocab users() {
    return users;
  }

  /** The item vocabulary ({@code #na#} at 0). */
  public IdVocab items() {
    return items;
  }

  /** The item titles, or null. */
  public ItemTitles titles() {
    return titles;
  }

  /** Sets item titles (for showBatch, interpretation and predict by title); returns this. */
  public CollabDataLoaders titles(ItemTitles value) {
    this.titles = value;
    return this;
  }

  /** {@code titles(ItemTitles.read(file))}: {@code movies.csv} or {@code u.item}. */
  public CollabDataLoaders titles(Path file) {
    return titles(ItemTitles.read(file));
  }

  /** The vocabularies and titles, as models keep them. */
  public CollabClasses classes() {
    return new CollabClasses(users, items, titles);
  }

  /** The column names used: user, item, rating. */
  public List<String> columns() {
    return List.of(userName, itemName, ratingName);
  }

  /** The number of ratings that repeat an earlier (user, item) pair (kept, as fastai does). */
  public int duplicates() {
    return duplicates;
  }

  /**
   * The ids of the {@code n} items rated most often in the training split, most rated first (ties
   * in vocabulary order): the book's "top movies" for PCA plots.
   */
  public List<String> mostRated(int n) {
    Integer[] order = new Integer[items.size() - 1];
    for (int k = 0; k < order.length; k++) {
      order[k] = k + 1;
    }
    java.util.Arrays.sort(order, (a, b) -> Integer.compare(itemCounts[b], itemCounts[a]));
    List<String> out = new ArrayList<>();
    for (int k = 0; k < Math.min(n, order.length); k++) {
      out.add(items.get(order[k]));
    }
    return out;
  }

  /** The batch size. */
  public int bs() {
    return bs;
  }

  // ---------------------------------------------------------------- display

  /** Prints up to 9 decoded rows of a training batch: user, item (title if known), rating. */
  public void showBatch() {
    showBatch(9, System.out);
  }

  /** Prints up to {@code max} decoded rows of a training batch to {@code out}. */
  public void showBatch(int max, PrintStream out) {
    out.print(render(train().oneBatch(), max));
  }

  private void show(List<Tuple> samples) {
    List<String[]> rows = new ArrayList<>();
    for (Tuple s : samples) {
      long[] x = s.tensor(0).toLongArray();
      rows.add(row((int) x[0], (int) x[1], s.tensor(1).item()));
    }
    System.out.print(table(rows));
  }

  /** The table of up to {@code max} rows of a batch. */
  String render(Tuple batch, int max) {
    long[] x = batch.tensor(0).toLongArray();
    float[] y = batch.tensor(1).toFloatArray();
    List<String[]> rows = new ArrayList<>();
    for (int k = 0; k < Math.min(max, y.length); k++) {
      rows.add(row((int) x[2 * k], (int) x[2 * k + 1], y[k]));
    }
    return table(rows);
  }

  private String[] row(int u, int i, double r) {
    ItemTitles t = titles;
    String item = items.get(i);
    String title = t == null ? null : t.title(item);
    return new String[] {
      users.get(u), title == null ? item : title, String.format(Locale.ROOT, "%.1f", r)
    };
  }

  private String table(List<String[]> rows) {
    String[] header = {userName, titles == null ? itemName : "title", ratingName};
    int[] w = new int[3];
    for (int c = 0; c < 3; c++) {
      w[c] = header[c].length();
      for (String[] r : rows) {
        w[c] = Math.max(w[c], r[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, w);
    sb.append("-".repeat(w[0] + w[1] + w[2] + 6)).append('\n');
    rows.forEach(r -> line(sb, r, w));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] cells, int[] w) {
    sb.append(
        String.format(
            Locale.ROOT, "%-" + w[0] + "s | %-" + w[1] + "s | %" + w[2] + "s%n", (Object[]) cells));
  }

  /** Stops the loaders. */
  @Override
  public void close() {
    dls.close();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "CollabDataLoaders[%d users, %d items (with #na#); %d train / %d valid ratings, bs %d]",
        users.size(),
        items.size(),
        train().dataset().size(),
        valid().dataset().size(),
        bs);
  }

  /** A list of n placeholders, for the splitter (which only needs the count). */
  private static final class RowCount extends java.util.AbstractList<Integer> {
    private final int n;

    RowCount(int n) {
      this.n = n;
    }

    @Override
    public Integer get(int i) {
      return i;
    }

    @Override
    public int size() {
      return n;
    }
  }
}
