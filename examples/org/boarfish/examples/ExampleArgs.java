package org.boarfish.examples;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The flags every example takes (DESIGN.md §8): {@code --data PATH}, {@code --test PATH}, {@code
 * --epochs N}, {@code --out DIR}, plus example-specific ones, and the {@code RESULT {json}} line
 * that ends every run.
 */
public final class ExampleArgs {
  private final String example;
  private final Map<String, String> values = new LinkedHashMap<>();

  private ExampleArgs(String example) {
    this.example = example;
  }

  /**
   * Parses {@code --name value} pairs; an unknown or valueless flag is an error that lists the
   * known ones, and {@code --help} (or {@code -h}) prints the usage and exits.
   */
  public static ExampleArgs parse(String example, String[] args, String... known) {
    ExampleArgs a = new ExampleArgs(example);
    java.util.List<String> allowed =
        new java.util.ArrayList<>(java.util.List.of("data", "test", "epochs", "out"));
    allowed.addAll(java.util.List.of(known));
    if (helpRequested(args)) {
      System.out.println("usage: ./boarfish " + example + " " + usage(allowed));
      System.exit(0);
    }
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String name = flag.startsWith("--") ? flag.substring(2) : null;
      if (name == null || !allowed.contains(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            example
                + ": bad argument '"
                + flag
                + "'; usage: ./boarfish "
                + example
                + " "
                + usage(allowed));
      }
      a.values.put(name, args[++i]);
    }
    return a;
  }

  /** Whether the arguments ask for help ({@code --help} or {@code -h}). */
  public static boolean helpRequested(String[] args) {
    return java.util.Arrays.asList(args).contains("--help")
        || java.util.Arrays.asList(args).contains("-h");
  }

  private static String usage(java.util.List<String> allowed) {
    StringBuilder sb = new StringBuilder();
    for (String n : allowed) {
      sb.append("[--").append(n).append(' ').append(n.toUpperCase(Locale.ROOT)).append("] ");
    }
    return sb.toString().strip();
  }

  /** A path flag, or the default. */
  public Path path(String name, Path otherwise) {
    return values.containsKey(name) ? Path.of(values.get(name)) : otherwise;
  }

  /**
   * A folder shipped with the repository (examples/data/...), found from any working directory via
   * the launcher.
   */
  public static Path bundled(String relative) {
    return Path.of(System.getProperty("boarfish.root", ".")).resolve(relative);
  }

  /** A path flag that may be absent. */
  public Path pathOrNull(String name) {
    return values.containsKey(name) ? Path.of(values.get(name)) : null;
  }

  /** A text flag, or the default. */
  public String string(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  /** An integer flag, or the default. */
  public int integer(String name, int otherwise) {
    try {
      return values.containsKey(name) ? Integer.parseInt(values.get(name)) : otherwise;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          example + ": --" + name + " needs an integer, got '" + values.get(name) + "'");
    }
  }

  /** A number flag, or the default. */
  public double number(String name, double otherwise) {
    try {
      return values.containsKey(name) ? Double.parseDouble(values.get(name)) : otherwise;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          example + ": --" + name + " needs a number, got '" + values.get(name) + "'");
    }
  }

  /** The output folder: {@code --out}, default {@code out/NAME}. */
  public Path out() {
    return path("out", Path.of("out", example));
  }

  /** Prints the final {@code RESULT {json}} line: a flat object, keys in insertion order. */
  public static void printResult(Map<String, Object> fields) {
    StringBuilder sb = new StringBuilder("RESULT {");
    boolean first = true;
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append('"').append(e.getKey()).append("\": ");
      Object v = e.getValue();
      if (v instanceof Number) {
        double d = ((Number) v).doubleValue();
        sb.append(
            d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString((long) d)
                : String.format(Locale.ROOT, "%.6g", d));
      } else {
        sb.append('"')
            .append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\""))
            .append('"');
      }
    }
    System.out.println(sb.append('}'));
  }
}
