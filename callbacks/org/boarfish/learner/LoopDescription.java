package org.boarfish.learner;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@link Learner#showTrainingLoop()}: the stages of the loop and the callbacks run at
 * each event.
 */
final class LoopDescription {
  private LoopDescription() {}

  static String describe(List<Callback> cbs) {
    StringBuilder sb = new StringBuilder();
    int indent = 0;
    for (Event e : Event.values()) {
      String m = e.methodName();
      if (m.startsWith("before")) {
        String stage = stage(e);
        sb.append("  ".repeat(indent)).append("Start ").append(stage).append('\n');
        indent++;
      }
      sb.append("  ".repeat(indent))
          .append(String.format("- %-21s: %s", m, names(cbs, e)))
          .append('\n');
      if (m.startsWith("after")
          && !m.startsWith("afterCancel")
          && !e.equals(Event.AFTER_PRED)
          && !e.equals(Event.AFTER_LOSS)) {
        indent = Math.max(0, indent - 1);
        sb.append("  ".repeat(indent)).append("End ").append(stage(e)).append('\n');
      }
    }
    return sb.toString();
  }

  private static String stage(Event e) {
    String m = e.methodName();
    String s = m.substring(m.startsWith("before") ? 6 : 5);
    return switch (s) {
      case "Fit" -> "Fit";
      case "Epoch" -> "Epoch Loop";
      case "Train" -> "Train";
      case "Batch" -> "Batch Loop";
      case "Validate" -> "Valid";
      default -> s;
    };
  }

  static List<String> names(List<Callback> cbs, Event e) {
    List<String> out = new ArrayList<>();
    for (Callback cb : cbs) {
      if (handles(cb, e)) {
        out.add(cb.name());
      }
    }
    return out;
  }

  /**
   * Whether {@code cb} does something at {@code e} (overrides the method, or is an event callback
   * for it).
   */
  static boolean handles(Callback cb, Event e) {
    if (cb instanceof EventCallback ec) {
      return ec.event() == e;
    }
    try {
      return cb.getClass().getMethod(e.methodName(), Learner.class).getDeclaringClass()
          != Callback.class;
    } catch (NoSuchMethodException ex) {
      return false;
    }
  }
}
