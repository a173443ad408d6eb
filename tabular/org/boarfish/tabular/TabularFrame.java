package org.boarfish.tabular;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns the procs work on, as plain arrays: raw categorical values (strings, {@code null}
 * when missing), categorical codes once {@link Categorify} has run, and continuous values (doubles,
 * {@code NaN} when missing). {@link TabularData} builds one from a table; the inference encoder
 * builds one from raw rows, so training and prediction go through the same procs.
 */
public final class TabularFrame {
  private final int nRows;
  private final List<String> catNames;
  private final List<String> contNames;
  private final Map<String, String[]> rawCats = new LinkedHashMap<>();
  private final Map<String, int[]> codes = new LinkedHashMap<>();
  private final Map<String, double[]> conts = new LinkedHashMap<>();

  /**
   * An empty frame of {@code nRows} rows; add the columns with {@link #putCat}/{@link #putCont}.
   */
  public TabularFrame(int nRows) {
    this.nRows = nRows;
    this.catNames = new ArrayList<>();
    this.contNames = new ArrayList<>();
  }

  /** The number of rows. */
  public int nRows() {
    return nRows;
  }

  /** The categorical column names, in order (procs may append, e.g. {@code <col>_na}). */
  public List<String> catNames() {
    return Collections.unmodifiableList(catNames);
  }

  /** The continuous column names, in order. */
  public List<String> contNames() {
    return Collections.unmodifiableList(contNames);
  }

  /** Adds (or replaces) a categorical column of raw values. */
  public void putCat(String name, String[] values) {
    check(name, values.length);
    if (!catNames.contains(name)) {
      catNames.add(name);
    }
    rawCats.put(name, values);
  }

  /** Adds (or replaces) a continuous column. */
  public void putCont(String name, double[] values) {
    check(name, values.length);
    if (!contNames.contains(name)) {
      contNames.add(name);
    }
    conts.put(name, values);
  }

  /** The raw values of a categorical column. */
  public String[] rawCat(String name) {
    String[] v = rawCats.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no categorical column '" + name + "' in " + catNames);
    }
    return v;
  }

  /** Sets the codes of a categorical column (what {@link Categorify} produces). */
  public void putCodes(String name, int[] c) {
    check(name, c.length);
    codes.put(name, c);
  }

  /** The codes of a categorical column; an error when {@link Categorify} has not run. */
  public int[] codes(String name) {
    int[] c = codes.get(name);
    if (c == null) {
      throw new IllegalStateException(
          "categorical column '" + name + "' has no codes: add the Categorify proc");
    }
    return c;
  }

  /** Whether a categorical column has codes. */
  public boolean hasCodes(String name) {
    return codes.containsKey(name);
  }

  /** The values of a continuous column (modified in place by the procs). */
  public double[] cont(String name) {
    double[] v = conts.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no continuous column '" + name + "' in " + contNames);
    }
    return v;
  }

  private void check(String name, int length) {
    if (length != nRows) {
      throw new IllegalArgumentException(
          "column '" + name + "' has " + length + " values, the frame " + nRows + " rows");
    }
  }
}
