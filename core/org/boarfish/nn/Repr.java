package org.boarfish.nn;

import java.math.BigDecimal;

/** Python-style printing of values, so that module trees read like PyTorch's. */
final class Repr {
  private Repr() {}

  /** Python's {@code repr(float)}: {@code 0.1}, {@code 1e-05}, {@code 1.0}. */
  static String f(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0.0" : "0.0";
    }
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    int exp = d.precision() - d.scale() - 1;
    if (exp < -4 || exp >= 16) {
      String digits = d.unscaledValue().abs().toString();
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return (v < 0 ? "-" : "")
          + mant
          + "e"
          + (exp < 0 ? "-" : "+")
          + String.format("%02d", Math.abs(exp));
    }
    String plain = d.toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  /** {@code True} / {@code False}. */
  static String b(boolean v) {
    return v ? "True" : "False";
  }

  /** A Python tuple: {@code (3, 3)} or {@code (8,)}. */
  static String tuple(long... v) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < v.length; i++) {
      sb.append(i > 0 ? ", " : "").append(v[i]);
    }
    return sb.append(v.length == 1 ? ",)" : ")").toString();
  }

  /**
   * PyTorch's {@code _ConvNd.extra_repr}: channels, kernel and stride always; padding, dilation,
   * output padding (transposed convs; null otherwise), groups and a missing bias only when not the
   * default.
   */
  static String conv(
      int in,
      int out,
      int[] kernel,
      int[] stride,
      int[] padding,
      int[] dilation,
      int[] outputPadding,
      int groups,
      boolean bias) {
    StringBuilder sb =
        new StringBuilder()
            .append(in)
            .append(", ")
            .append(out)
            .append(", kernel_size=")
            .append(tuple(kernel))
            .append(", stride=")
            .append(tuple(stride));
    if (padding[0] != 0 || padding[1] != 0) {
      sb.append(", padding=").append(tuple(padding));
    }
    if (dilation[0] != 1 || dilation[1] != 1) {
      sb.append(", dilation=").append(tuple(dilation));
    }
    if (outputPadding != null && (outputPadding[0] != 0 || outputPadding[1] != 0)) {
      sb.append(", output_padding=").append(tuple(outputPadding));
    }
    if (groups != 1) {
      sb.append(", groups=").append(groups);
    }
    if (!bias) {
      sb.append(", bias=False");
    }
    return sb.toString();
  }

  /** A Python tuple of ints. */
  static String tuple(int... v) {
    long[] l = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      l[i] = v[i];
    }
    return tuple(l);
  }

  /** An int when both entries agree, else a tuple (how pooling layers print). */
  static String intOrPair(int[] v) {
    return v[0] == v[1] ? Integer.toString(v[0]) : tuple(v);
  }

  /** {@code 2 x 8 x 14 x 14}, as fastai prints shapes. */
  static String shape(long[] s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length; i++) {
      sb.append(i > 0 ? " x " : "").append(s[i]);
    }
    return sb.toString();
  }

  /** {@code [2, 3]}. */
  static String dims(long[] s) {
    return java.util.Arrays.toString(s);
  }
}
