package org.boarfish.tabular;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.boarfish.data.CategoryMap;
import org.boarfish.data.DataLoaders;
import org.boarfish.data.Splits;
import org.boarfish.data.Splitter;
import org.boarfish.data.Splitters;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * fastai's {@code TabularPandas}: a table with its categorical, continuous and target columns, its
 * train/valid split, and procs ({@link FillMissing}, {@link Categorify}, {@link Normalize}) set up
 * on the training rows and applied eagerly to every row. The result is held as columns of codes and
 * floats, from which {@link #dataloaders(int)} builds batches directly.
 *
 * <pre>{@code
 * var to = TabularData.builder(df).procs(new Categorify(), new FillMissing(), new Normalize())
 *     .catNames("workclass", "education").contNames("age", "fnlwgt").yNames("salary")
 *     .splitter(Splitters.random(0.2, 42)).build();
 * to.cardinalities();   // [10, 17, 3]   (#na# included; education-num_na added by FillMissing)
 * }</pre>
 */
public final class TabularData {
  private final List<TabularProc> procs;
  private final List<String> rawCatNames;
  private final List<String> catNames;
  private final List<String> contNames;
  private final List<String> yNames;
  private final YBlock yBlock;
  private final Splits splits;
  private final int nRows;
  private final int[][] cats;
  private final float[][] conts;
  private final CategoryMap yVocab;
  private final int[] yCodes;
  private final float[][] yValues;

  private TabularData(Builder b) {
    Table df = b.df;
    String source = b.source;
    if (df.rowCount() == 0) {
      throw new IllegalArgumentException(
          source
              + " has no data rows: give a table (or CSV file) with a header and at least two rows");
    }
    if (b.yNames.isEmpty()) {
      throw new IllegalArgumentException(
          "TabularData needs a target: name it with yNames(\"column\")");
    }
    this.nRows = df.rowCount();
    this.rawCatNames = List.copyOf(b.catNames);
    this.yNames = List.copyOf(b.yNames);
    List<Integer> ids = new ArrayList<>(nRows);
    for (int i = 0; i < nRows; i++) {
      ids.add(i);
    }
    this.splits = b.splits != null ? b.splits : b.splitter.split(ids);
    checkSplits(splits, nRows);
    TabularFrame f = RawValues.fromTable(df, b.catNames, b.contNames, source);
    List<Column<?>> ycols = new ArrayList<>();
    for (String y : yNames) {
      ycols.add(RawValues.column(df, y, "yNames", source));
    }
    this.yBlock = b.yBlock != null ? b.yBlock : inferYBlock(ycols);
    List<TabularProc> ps = new ArrayList<>();
    for (TabularProc p : b.procs) {
      ps.add(p.isSetup() ? p.fresh() : p);
    }
    ps.sort(Comparator.comparingInt(TabularProc::order));
    for (TabularProc p : ps) {
      p.setup(f, splits.train());
      p.apply(f);
    }
    this.procs = List.copyOf(ps);
    this.catNames = List.copyOf(f.catNames());
    this.contNames = List.copyOf(f.contNames());
    this.cats = new int[catNames.size()][];
    for (int j = 0; j < cats.length; j++) {
      if (!f.hasCodes(catNames.get(j))) {
        throw new IllegalArgumentException(
            "categorical columns " + catNames + " need codes: add new Categorify() to the procs");
      }
      cats[j] = f.codes(catNames.get(j));
    }
    this.conts = floats(f, contNames, source);
    if (yBlock == YBlock.CATEGORY) {
      if (ycols.size() != 1) {
        throw new IllegalArgumentException(
            "a category target is one column, got yNames " + yNames + ": use YBlock.REGRESSION");
      }
      String[] raw = rawTargets(ycols.get(0), yNames.get(0), source);
      TreeSet<String> seen = new TreeSet<>(Categorify.VALUE_ORDER);
      for (int r : splits.train()) {
        seen.add(raw[r]);
      }
      if (seen.size() < 2) {
        throw new IllegalArgumentException(
            "target '"
                + yNames.get(0)
                + "' has the single value '"
                + (seen.isEmpty() ? "" : seen.first())
                + "' in the training rows: a classifier needs at least two classes; "
                + "check yNames and the split");
      }
      this.yVocab = CategoryMap.of(new ArrayList<>(seen), false, false);
      this.yCodes = codes(raw, yVocab, yNames.get(0), source);
      this.yValues = null;
    } else {
      this.yVocab = null;
      this.yCodes = null;
      this.yValues = regressionTargets(ycols, yNames, source);
      float first = yValues[0][splits.train()[0]];
      boolean constant = true;
      for (float[] col : yValues) {
        for (int r : splits.train()) {
          constant &= col[r] == first;
        }
      }
      if (constant) {
        throw new IllegalArgumentException(
            "target "
                + yNames
                + " has the single value "
                + first
                + " in every training row: there is nothing to learn; check yNames and the split");
      }
    }
  }

  private static float[][] floats(TabularFrame f, List<String> names, String source) {
    float[][] out = new float[names.size()][];
    for (int j = 0; j < out.length; j++) {
      double[] d = f.cont(names.get(j));
      float[] o = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        if (Double.isNaN(d[i])) {
          throw new IllegalArgumentException(
              "continuous column '"
                  + names.get(j)
                  + "' has a missing value at row "
                  + i
                  + " of "
                  + source
                  + ": add new FillMissing() to the procs");
        }
        o[i] = (float) d[i];
      }
      out[j] = o;
    }
    return out;
  }

  private static String[] rawTargets(Column<?> yc, String name, String source) {
    String[] raw = new String[yc.size()];
    for (int i = 0; i < raw.length; i++) {
      if (yc.isMissing(i)) {
        throw new IllegalArgumentException(
            "target '"
                + name
                + "' is missing at row "
                + i
                + " of "
                + source
                + ": drop the rows without a target");
      }
      raw[i] = RawValues.catKey(yc.get(i));
    }
    return raw;
  }

  private static int[] codes(String[] raw, CategoryMap vocab, String name, String source) {
    int[] out = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      int k = vocab.indexOf(raw[i]);
      if (k < 0) {
        throw new IllegalArgumentException(
            "target '"
                + name
                + "' has the value '"
                + raw[i]
                + "' at row "
                + i
                + " of "
                + source
                + ", which no training row has (classes "
                + vocab.items()
                + "): the classifier cannot predict it; drop the row or change the split");
      }
      out[i] = k;
    }
    return out;
  }

  private static float[][] regressionTargets(
      List<Column<?>> ycols, List<String> yNames, String source) {
    float[][] out = new float[ycols.size()][];
    for (int k = 0; k < ycols.size(); k++) {
      Column<?> yc = ycols.get(k);
      out[k] = new float[yc.size()];
      for (int i = 0; i < yc.size(); i++) {
        double v =
            yc.isMissing(i)
                ? Double.NaN
                : yc instanceof NumericColumn<?> nc
                    ? nc.getDouble(i)
                    : RawValues.contValue(yc.get(i), yNames.get(k), "row " + i, source);
        if (Double.isNaN(v)) {
          throw new IllegalArgumentException(
              "target '"
                  + yNames.get(k)
                  + "' is missing at row "
                  + i
                  + " of "
                  + source
                  + ": drop the rows without a target");
        }
        out[k][i] = (float) v;
      }
    }
    return out;
  }

  /** The same data's columns of another table, through the trained procs (no new setup). */
  Columns columnsOf(Table df, String source, boolean withLabels) {
    if (df.rowCount() == 0) {
      throw new IllegalArgumentException(source + " has no data rows");
    }
    TabularFrame f = RawValues.fromTable(df, rawCatNames, contNames, source);
    for (TabularProc p : procs) {
      p.apply(f);
    }
    int[][] c = new int[catNames.size()][];
    for (int j = 0; j < c.length; j++) {
      c[j] = f.codes(catNames.get(j));
    }
    float[][] x = floats(f, contNames, source);
    int[] yc = null;
    float[][] yv = null;
    if (withLabels) {
      List<Column<?>> ycols = new ArrayList<>();
      for (String y : yNames) {
        ycols.add(RawValues.column(df, y, "yNames", source));
      }
      if (yBlock == YBlock.CATEGORY) {
        yc = codes(rawTargets(ycols.get(0), yNames.get(0), source), yVocab, yNames.get(0), source);
      } else {
        yv = regressionTargets(ycols, yNames, source);
      }
    }
    return new Columns(c, x, yc, yv, yBlock);
  }

  /**
   * A loader over another table of the same columns (a test set), through the procs set up in
   * training; with its targets when {@code df} has the target columns.
   */
  public DataLoaders testDataLoaders(Table df, int bs, String source) {
    boolean labelled = df.columnNames().containsAll(yNames);
    return TabularLoaders.of(this, columnsOf(df, source, labelled), null, bs);
  }

  private static YBlock inferYBlock(List<Column<?>> ycols) {
    for (Column<?> c : ycols) {
      if (!(c instanceof NumericColumn<?>)) {
        return YBlock.CATEGORY;
      }
    }
    return YBlock.REGRESSION;
  }

  private static void checkSplits(Splits s, int n) {
    if (s.train().length == 0) {
      throw new IllegalArgumentException("the split leaves no training rows of " + n);
    }
    for (int[] part : List.of(s.train(), s.valid())) {
      for (int r : part) {
        if (r < 0 || r >= n) {
          throw new IllegalArgumentException(
              "the split names row " + r + ", but the table has rows 0.." + (n - 1));
        }
      }
    }
  }

  /** A builder over a table; the procs are set up when it is built. */
  public static Builder builder(Table df) {
    return new Builder(df);
  }

  /** The procs, set up, in processing order. */
  public List<TabularProc> procs() {
    return procs;
  }

  /** The categorical columns as given (before {@link FillMissing} adds {@code _na} columns). */
  public List<String> rawCatNames() {
    return rawCatNames;
  }

  /** The categorical columns of the model's input, {@code _na} columns included. */
  public List<String> catNames() {
    return catNames;
  }

  /** The continuous columns. */
  public List<String> contNames() {
    return contNames;
  }

  /** The target columns. */
  public List<String> yNames() {
    return yNames;
  }

  /** The target kind (given, or inferred: category when a target column is not numeric). */
  public YBlock yBlock() {
    return yBlock;
  }

  /** The train/valid row indices. */
  public Splits splits() {
    return splits;
  }

  /** The number of rows. */
  public int nRows() {
    return nRows;
  }

  /** The number of embedding rows of each categorical column, {@code #na#} included. */
  public int[] cardinalities() {
    Categorify c = categorify();
    int[] out = new int[catNames.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = c.cardinality(catNames.get(j));
    }
    return out;
  }

  /** The {@link Categorify} proc. */
  public Categorify categorify() {
    for (TabularProc p : procs) {
      if (p instanceof Categorify c) {
        return c;
      }
    }
    throw new IllegalStateException("these data have no Categorify proc");
  }

  /** The classes of a category target. */
  public CategoryMap yVocab() {
    if (yVocab == null) {
      throw new IllegalStateException("a regression target has no vocabulary");
    }
    return yVocab;
  }

  /** The number of model outputs: classes, or target columns. */
  public int c() {
    return yVocab != null ? yVocab.size() : yNames.size();
  }

  Columns columns() {
    return new Columns(cats, conts, yCodes, yValues, yBlock);
  }

  /** The encoder of raw rows for prediction, with these procs' state. */
  public TabularEncoder encoder() {
    List<String> rawCont = new ArrayList<>(contNames);
    return new TabularEncoder(rawCatNames, rawCont, procs, catNames);
  }

  /** Training (shuffled, last partial batch dropped) and validation loaders of batch size bs. */
  public DataLoaders dataloaders(int bs) {
    Columns c = columns();
    return TabularLoaders.of(this, c, splits, bs);
  }

  @Override
  public String toString() {
    return "TabularData["
        + nRows
        + " rows ("
        + splits.train().length
        + " train, "
        + splits.valid().length
        + " valid), cats "
        + catNames
        + ", conts "
        + contNames
        + ", y "
        + yNames
        + " ("
        + yBlock.name().toLowerCase()
        + ")]";
  }

  /** Settings of {@link TabularData}; each setter checks at once. */
  public static final class Builder {
    private final Table df;
    private String source;
    private List<TabularProc> procs = List.of();
    private List<String> catNames = List.of();
    private List<String> contNames = List.of();
    private List<String> yNames = List.of();
    private YBlock yBlock;
    private Splits splits;
    private Splitter splitter = Splitters.random(0.2, 42);

    private Builder(Table df) {
      this.df = Objects.requireNonNull(df, "df");
      this.source = "table '" + df.name() + "'";
    }

    /** The procs (any order: they run by {@link TabularProc#order()}). */
    public Builder procs(TabularProc... procs) {
      return procs(List.of(procs));
    }

    /** The procs as a list. */
    public Builder procs(List<? extends TabularProc> procs) {
      this.procs = List.copyOf(procs);
      return this;
    }

    /** The categorical columns. */
    public Builder catNames(String... names) {
      return catNames(List.of(names));
    }

    /** The categorical columns as a list. */
    public Builder catNames(List<String> names) {
      this.catNames = distinct(names, "catNames");
      return this;
    }

    /** The continuous columns. */
    public Builder contNames(String... names) {
      return contNames(List.of(names));
    }

    /** The continuous columns as a list. */
    public Builder contNames(List<String> names) {
      this.contNames = distinct(names, "contNames");
      return this;
    }

    /** The target column(s). */
    public Builder yNames(String... names) {
      return yNames(List.of(names));
    }

    /** The target columns as a list. */
    public Builder yNames(List<String> names) {
      this.yNames = distinct(names, "yNames");
      return this;
    }

    /** The target kind (default: inferred). */
    public Builder yBlock(YBlock yBlock) {
      this.yBlock = yBlock;
      return this;
    }

    /** A fixed split. */
    public Builder splits(Splits splits) {
      this.splits = Objects.requireNonNull(splits, "splits");
      return this;
    }

    /** The validation rows; every other row trains. */
    public Builder validIdx(int... validIdx) {
      this.splits = null;
      this.splitter = Splitters.index(validIdx);
      return this;
    }

    /** How rows are split (default {@code Splitters.random(0.2, 42)}). */
    public Builder splitter(Splitter splitter) {
      this.splits = null;
      this.splitter = Objects.requireNonNull(splitter, "splitter");
      return this;
    }

    /** Where the table came from, for messages (e.g. the CSV file). */
    public Builder source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Checks the columns, splits the rows, sets up and applies the procs. */
    public TabularData build() {
      List<String> all = new ArrayList<>(catNames);
      all.addAll(contNames);
      for (String y : yNames) {
        if (all.contains(y)) {
          throw new IllegalArgumentException(
              "column '"
                  + y
                  + "' is both a target and an input: remove it from catNames/contNames");
        }
      }
      for (String c : catNames) {
        if (contNames.contains(c)) {
          throw new IllegalArgumentException(
              "column '" + c + "' is in both catNames and contNames: keep it in one");
        }
      }
      return new TabularData(this);
    }

    private static List<String> distinct(List<String> names, String what) {
      List<String> out = new ArrayList<>();
      for (String n : names) {
        Objects.requireNonNull(n, what + " holds null");
        if (out.contains(n)) {
          throw new IllegalArgumentException(what + " names '" + n + "' twice");
        }
        out.add(n);
      }
      return List.copyOf(out);
    }
  }
}
