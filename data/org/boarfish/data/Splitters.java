package org.boarfish.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.boarfish.tensor.Generator;

/**
 * fastai's splitters: random, by index, by grandparent folder, by predicate, by column, by a file
 * of names.
 */
public final class Splitters {
  private Splitters() {}

  /** {@code random(0.2)}. */
  public static Splitter random() {
    return random(0.2);
  }

  /**
   * {@link #random(double, long)} with a seed drawn from {@link Generator#global()} (reproducible
   * after {@code Generator.manualSeed}).
   */
  public static Splitter random(double validPct) {
    return random(validPct, Generator.global().nextLong(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  /**
   * fastai's {@code RandomSplitter}: a random permutation of the indices, the first {@code
   * (int)(validPct·n)} for validation and the rest for training. The permutation is {@code
   * torch.randperm(n)} after {@code torch.manual_seed(seed)} ({@link TorchRandperm}), so a seed
   * selects exactly the rows fastai validates on with the same seed.
   */
  public static Splitter random(double validPct, long seed) {
    if (!(validPct >= 0 && validPct < 1)) {
      throw new IllegalArgumentException("validPct must be in [0, 1), got " + validPct);
    }
    return named(
        "RandomSplitter(validPct=" + validPct + ", seed=" + seed + ")",
        items -> {
          int n = items.size();
          int[] perm = TorchRandperm.permutation(n, seed);
          int cut = (int) (validPct * n);
          int[] valid = java.util.Arrays.copyOfRange(perm, 0, cut);
          int[] train = java.util.Arrays.copyOfRange(perm, cut, n);
          return new Splits(train, valid);
        });
  }

  /** fastai's {@code IndexSplitter}: the given indices for validation, all others for training. */
  public static Splitter index(int... validIdx) {
    int[] v = validIdx.clone();
    return named(
        "IndexSplitter(" + v.length + " indices)",
        items -> {
          int n = items.size();
          boolean[] isValid = new boolean[n];
          for (int i : v) {
            if (i < 0 || i >= n) {
              throw new IllegalArgumentException(
                  "IndexSplitter: index " + i + " is outside the " + n + " items");
            }
            isValid[i] = true;
          }
          List<Integer> train = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            if (!isValid[i]) {
              train.add(i);
            }
          }
          return new Splits(train.stream().mapToInt(Integer::intValue).toArray(), v);
        });
  }

  /** {@code grandparent("train", "valid")}. */
  public static Splitter grandparent() {
    return grandparent("train", "valid");
  }

  /**
   * fastai's {@code GrandparentSplitter}: by the name of the folder two levels above each file
   * ({@code train/3/7.png} is training); items under neither name are in neither subset.
   */
  public static Splitter grandparent(String trainName, String validName) {
    return named(
        "GrandparentSplitter(" + trainName + ", " + validName + ")",
        items -> {
          List<Integer> train = new ArrayList<>();
          List<Integer> valid = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            Path p = Getters.toPath(items.get(i), "GrandparentSplitter");
            Path gp = p.getParent() == null ? null : p.getParent().getParent();
            String name = gp == null || gp.getFileName() == null ? "" : gp.getFileName().toString();
            if (name.equals(trainName)) {
              train.add(i);
            } else if (name.equals(validName)) {
              valid.add(i);
            }
          }
          if (train.isEmpty() && valid.isEmpty() && !items.isEmpty()) {
            throw new IllegalArgumentException(
                "GrandparentSplitter: no item has a grandparent folder named '"
                    + trainName
                    + "' or '"
                    + validName
                    + "' (first item: "
                    + items.get(0)
                    + ")");
          }
          return Splits.of(train, valid);
        });
  }

  /** fastai's {@code FuncSplitter}: items for which {@code isValid} holds go to validation. */
  public static Splitter func(Predicate<Object> isValid) {
    return named(
        "FuncSplitter",
        items -> {
          List<Integer> train = new ArrayList<>();
          List<Integer> valid = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            (isValid.test(items.get(i)) ? valid : train).add(i);
          }
          return Splits.of(train, valid);
        });
  }

  /** {@code col("is_valid")}. */
  public static Splitter col() {
    return col("is_valid");
  }

  /**
   * fastai's {@code ColSplitter}: rows whose boolean column is true go to validation. Rows are
   * {@link Row}s or maps; true is {@code true}/{@code 1}/{@code yes}/{@code t}/{@code y} (any
   * case), false their opposites or empty.
   */
  public static Splitter col(String column) {
    ColReader reader = ColReader.of(column);
    return named(
        "ColSplitter(" + column + ")",
        items -> {
          List<Integer> train = new ArrayList<>();
          List<Integer> valid = new ArrayList<>();
          for (int i = 0; i < items.size(); i++) {
            (truth(reader.apply(items.get(i)), column, i) ? valid : train).add(i);
          }
          return Splits.of(train, valid);
        });
  }

  /**
   * fastai's {@code FileSplitter}: items whose file name is listed (one per line) in {@code
   * validNames} go to validation.
   */
  public static Splitter file(Path validNames) {
    Set<String> names = new HashSet<>();
    try {
      for (String line : Files.readAllLines(validNames)) {
        if (!line.isBlank()) {
          names.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "FileSplitter: cannot read the list of validation file names " + validNames, e);
    }
    return named(
        "FileSplitter(" + validNames.getFileName() + ")",
        func(
                o -> {
                  Path p = Getters.toPath(o, "FileSplitter");
                  return p.getFileName() != null && names.contains(p.getFileName().toString());
                })
            ::split);
  }

  static boolean truth(Object v, String column, int row) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    String s = v == null ? "" : v.toString().strip().toLowerCase(java.util.Locale.ROOT);
    switch (s) {
      case "true", "1", "yes", "t", "y", "1.0":
        return true;
      case "false", "0", "no", "f", "n", "", "0.0":
        return false;
      default:
        throw new IllegalArgumentException(
            "ColSplitter: column '"
                + column
                + "' of row "
                + row
                + " holds '"
                + v
                + "', not a boolean (expected true/false, 1/0, yes/no)");
    }
  }

  private static Splitter named(String name, Splitter s) {
    return new Splitter() {
      @Override
      public Splits split(List<?> items) {
        return s.split(items);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
