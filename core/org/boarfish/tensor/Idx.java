package org.boarfish.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of an indexing expression, as in Python's {@code x[1:, ::2, -3:]}: a single position
 * (drops the dim), a range with optional ends and a step, the whole dim, or an ellipsis standing
 * for all remaining dims.
 */
public final class Idx {
  enum Kind {
    AT,
    RANGE,
    ELLIPSIS
  }

  final Kind kind;
  final Long start;
  final Long end;
  final long step;

  private Idx(Kind kind, Long start, Long end, long step) {
    if (step <= 0) {
      throw new IllegalArgumentException("slice step must be positive, got " + step);
    }
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.step = step;
  }

  /** A single position (negative counts from the end); the dim is dropped. */
  public static Idx at(long i) {
    return new Idx(Kind.AT, i, null, 1);
  }

  /** {@code start:end}; null for an open end. */
  public static Idx range(Long start, Long end) {
    return new Idx(Kind.RANGE, start, end, 1);
  }

  /** {@code start:end:step}; null for an open end. */
  public static Idx range(Long start, Long end, long step) {
    return new Idx(Kind.RANGE, start, end, step);
  }

  /** {@code start:}. */
  public static Idx from(long start) {
    return range(start, null);
  }

  /** {@code :end}. */
  public static Idx to(long end) {
    return range(null, end);
  }

  /** {@code ::step}. */
  public static Idx step(long step) {
    return range(null, null, step);
  }

  /** {@code :}. */
  public static Idx all() {
    return range(null, null);
  }

  /** {@code ...}. */
  public static Idx ellipsis() {
    return new Idx(Kind.ELLIPSIS, null, null, 1);
  }

  /** Parses a Python index list such as {@code "1:, ::2, -3:"} or {@code "..., 1:4:2"}. */
  public static Idx[] parse(String spec) {
    List<Idx> out = new ArrayList<>();
    for (String raw : spec.split(",", -1)) {
      String p = raw.strip();
      if (p.equals("...")) {
        out.add(ellipsis());
      } else if (!p.contains(":")) {
        out.add(at(number(p, spec)));
      } else {
        String[] f = p.split(":", -1);
        if (f.length > 3) {
          throw new IllegalArgumentException("bad slice '" + p + "' in '" + spec + "'");
        }
        Long s = f[0].isBlank() ? null : number(f[0], spec);
        Long e = f[1].isBlank() ? null : number(f[1], spec);
        long st = f.length == 3 && !f[2].isBlank() ? number(f[2], spec) : 1;
        out.add(range(s, e, st));
      }
    }
    return out.toArray(new Idx[0]);
  }

  private static long number(String s, String spec) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "bad index '" + s.strip() + "' in '" + spec + "': expected an integer, a slice or ...");
    }
  }

  @Override
  public String toString() {
    switch (kind) {
      case AT:
        return Long.toString(start);
      case ELLIPSIS:
        return "...";
      default:
        return (start == null ? "" : start)
            + ":"
            + (end == null ? "" : end)
            + (step == 1 ? "" : ":" + step);
    }
  }
}
