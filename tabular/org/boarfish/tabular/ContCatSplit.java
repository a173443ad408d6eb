package org.boarfish.tabular;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * fastai's {@code cont_cat_split}: float columns, and integer columns with more than {@code
 * maxCard} distinct values, are continuous; every other column is categorical; the target column is
 * neither.
 *
 * @param cont the continuous column names, in table order
 * @param cat the categorical column names, in table order
 */
public record ContCatSplit(List<String> cont, List<String> cat) {
  /** Copies the lists. */
  public ContCatSplit {
    cont = List.copyOf(cont);
    cat = List.copyOf(cat);
  }

  /** The split of {@code df}'s columns; {@code depVar} (may be null) is left out. */
  public static ContCatSplit of(Table df, int maxCard, String depVar) {
    if (maxCard < 1) {
      throw new IllegalArgumentException("maxCard must be at least 1, got " + maxCard);
    }
    List<String> cont = new ArrayList<>();
    List<String> cat = new ArrayList<>();
    for (Column<?> c : df.columns()) {
      String name = c.name();
      if (name.equals(depVar)) {
        continue;
      }
      boolean isFloat = c instanceof DoubleColumn || c instanceof FloatColumn;
      boolean isInt = c instanceof IntColumn || c instanceof LongColumn || c instanceof ShortColumn;
      if (isFloat || (isInt && c.removeMissing().countUnique() > maxCard)) {
        cont.add(name);
      } else {
        cat.add(name);
      }
    }
    return new ContCatSplit(cont, cat);
  }
}
