package org.boarfish.tabular;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * fastai's {@code add_datepart}: expands a date column into {@code Year, Month, Week, Day,
 * Dayofweek} (Monday 0), {@code Dayofyear}, the booleans {@code Is_month_end, Is_month_start,
 * Is_quarter_end, Is_quarter_start, Is_year_end, Is_year_start}, with {@code time} also {@code
 * Hour, Minute, Second}, and {@code Elapsed} (seconds since 1970-01-01 UTC). The new columns are
 * named with the field's name minus a trailing "Date"/"date" as prefix.
 */
public final class DatePart {
  private DatePart() {}

  /**
   * Adds the date parts of {@code field} to {@code df} (in place, returned); {@code prefix} null
   * means the default; {@code drop} removes the field.
   */
  public static Table add(Table df, String field, String prefix, boolean drop, boolean time) {
    Column<?> col = RawValues.column(df, field, "addDatepart", "table '" + df.name() + "'");
    int n = df.rowCount();
    LocalDateTime[] ts = new LocalDateTime[n];
    for (int i = 0; i < n; i++) {
      ts[i] = col.isMissing(i) ? null : toDateTime(col, i, field);
    }
    String pre = prefix != null ? prefix : field.replaceAll("[Dd]ate$", "");
    List<String> ints =
        new ArrayList<>(List.of("Year", "Month", "Week", "Day", "Dayofweek", "Dayofyear"));
    List<String> bools =
        List.of(
            "Is_month_end",
            "Is_month_start",
            "Is_quarter_end",
            "Is_quarter_start",
            "Is_year_end",
            "Is_year_start");
    if (time) {
      ints.addAll(List.of("Hour", "Minute", "Second"));
    }
    for (String a : ints) {
      IntColumn c = IntColumn.create(pre + a);
      for (LocalDateTime t : ts) {
        if (t == null) {
          c.appendMissing();
        } else {
          c.append(intPart(a, t));
        }
      }
      df.addColumns(c);
    }
    for (String a : bools) {
      BooleanColumn c = BooleanColumn.create(pre + a);
      for (LocalDateTime t : ts) {
        if (t == null) {
          c.appendMissing();
        } else {
          c.append(boolPart(a, t.toLocalDate()));
        }
      }
      df.addColumns(c);
    }
    DoubleColumn el = DoubleColumn.create(pre + "Elapsed");
    for (LocalDateTime t : ts) {
      if (t == null) {
        el.appendMissing();
      } else {
        el.append((double) t.toEpochSecond(ZoneOffset.UTC));
      }
    }
    df.addColumns(el);
    if (drop) {
      df.removeColumns(field);
    }
    return df;
  }

  private static LocalDateTime toDateTime(Column<?> col, int i, String field) {
    if (col instanceof DateColumn d) {
      return d.get(i).atStartOfDay();
    }
    if (col instanceof DateTimeColumn d) {
      return d.get(i);
    }
    if (col instanceof StringColumn s) {
      String v = s.get(i).strip();
      try {
        return v.length() <= 10 ? LocalDate.parse(v).atStartOfDay() : LocalDateTime.parse(v);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "addDatepart: column '"
                + field
                + "' holds '"
                + v
                + "' at row "
                + i
                + ", not an ISO date (2020-01-31 or 2020-01-31T12:00): read it as a date column");
      }
    }
    throw new IllegalArgumentException(
        "addDatepart: column '"
            + field
            + "' is "
            + col.type()
            + ", not a date or date-time column");
  }

  private static int intPart(String a, LocalDateTime t) {
    return switch (a) {
      case "Year" -> t.getYear();
      case "Month" -> t.getMonthValue();
      case "Week" -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case "Day" -> t.getDayOfMonth();
      case "Dayofweek" -> t.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
      case "Dayofyear" -> t.getDayOfYear();
      case "Hour" -> t.getHour();
      case "Minute" -> t.getMinute();
      case "Second" -> t.getSecond();
      default -> throw new IllegalStateException(a);
    };
  }

  private static boolean boolPart(String a, LocalDate d) {
    int m = d.getMonthValue();
    boolean monthEnd = d.equals(d.with(TemporalAdjusters.lastDayOfMonth()));
    boolean monthStart = d.getDayOfMonth() == 1;
    return switch (a) {
      case "Is_month_end" -> monthEnd;
      case "Is_month_start" -> monthStart;
      case "Is_quarter_end" -> monthEnd && m % 3 == 0;
      case "Is_quarter_start" -> monthStart && m % 3 == 1;
      case "Is_year_end" -> monthEnd && m == 12;
      case "Is_year_start" -> monthStart && m == 1;
      default -> throw new IllegalStateException(a);
    };
  }
}
