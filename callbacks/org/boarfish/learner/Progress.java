package org.boarfish.learner;

import java.io.PrintStream;
import java.util.Locale;

/**
 * fastai's {@code ProgressCallback} (order 60): the epoch table, printed a row per epoch, and on a
 * terminal a bar redrawn in place: the epochs done (master bar) and the batches of the current pass
 * (child bar) with rate and ETA.
 *
 * <pre>
 * epoch     train_loss  valid_loss  accuracy  time
 * 0         0.163741    0.072542    0.976448  00:04
 * </pre>
 *
 * <p>When standard output is not a terminal ({@code System.console() == null}: a pipe, a log file,
 * CI) no bar is drawn and nothing but the plain lines of the table is printed, with no control
 * characters.
 */
public final class Progress implements Callback {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR = 20;

  private final PrintStream out;
  private final boolean interactive;
  private long childStart;
  private long lastDraw;
  private int childTotal;
  private String childName = "";
  private int drawn;

  /** On standard output, with bars only when the JVM has a console. */
  public Progress() {
    this(System.out);
  }

  /** On {@code out}, with bars only when the JVM has a console. */
  public Progress(PrintStream out) {
    this(out, System.console() != null);
  }

  /** On {@code out}; bars redrawn in place when {@code interactive}. */
  public Progress(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public void beforeFit(Learner learn) {
    if (learn.isLogging()) {
      out.println(EpochTable.header(learn.recorder().metricNames()));
      out.flush();
    }
  }

  @Override
  public void beforeTrain(Learner learn) {
    startChild(learn, "train");
  }

  @Override
  public void beforeValidate(Learner learn) {
    startChild(learn, "valid");
  }

  private void startChild(Learner learn, String name) {
    childName = name;
    childTotal = learn.dl() == null ? 0 : learn.dl().length();
    childStart = System.nanoTime();
    lastDraw = childStart - REDRAW_NANOS;
  }

  @Override
  public void afterBatch(Learner learn) {
    if (!interactive) {
      return;
    }
    long now = System.nanoTime();
    int done = learn.iter() + 1;
    if (now - lastDraw < REDRAW_NANOS && done < childTotal) {
      return;
    }
    lastDraw = now;
    draw(line(learn, done, now));
  }

  private String line(Learner learn, int done, long now) {
    double secs = (now - childStart) / 1e9;
    double rate = secs > 0 ? done / secs : 0;
    double eta = rate > 0 ? (childTotal - done) / rate : 0;
    StringBuilder sb = new StringBuilder();
    if (learn.isFitting()) {
      int nEpoch = Math.max(1, learn.nEpoch());
      sb.append("epoch ")
          .append(learn.epoch() + 1)
          .append('/')
          .append(nEpoch)
          .append(' ')
          .append(bar(learn.epoch(), nEpoch, 10))
          .append("  ");
    }
    sb.append(childName)
        .append(' ')
        .append(done)
        .append('/')
        .append(childTotal)
        .append(' ')
        .append(bar(done, childTotal, BAR))
        .append(' ')
        .append(
            String.format(
                Locale.ROOT,
                "%3d%% %s<%s %.1f it/s",
                childTotal == 0 ? 100 : 100 * done / childTotal,
                EpochTable.formatTime(secs),
                EpochTable.formatTime(eta),
                rate));
    return sb.toString();
  }

  private static String bar(int done, int total, int width) {
    int full = total <= 0 ? width : (int) Math.min(width, (long) width * done / total);
    return "[" + "#".repeat(full) + "-".repeat(width - full) + "]";
  }

  private void draw(String s) {
    int pad = Math.max(0, drawn - s.length());
    out.print("\r" + s + " ".repeat(pad));
    out.flush();
    drawn = s.length();
  }

  private void clear() {
    if (interactive && drawn > 0) {
      out.print("\r" + " ".repeat(drawn) + "\r");
      out.flush();
      drawn = 0;
    }
  }

  @Override
  public void afterEpoch(Learner learn) {
    clear();
    if (learn.isLogging()) {
      Recorder r = learn.recorder();
      int e = r.values().size() - 1;
      out.println(
          EpochTable.row(r.metricNames(), learn.epoch(), r.values().get(e), r.times().get(e)));
      out.flush();
    }
  }

  @Override
  public void afterValidate(Learner learn) {
    if (!learn.isFitting()) {
      clear();
    }
  }

  @Override
  public void afterFit(Learner learn) {
    clear();
  }

  @Override
  public String toString() {
    return "Progress[" + (interactive ? "terminal" : "plain") + "]";
  }
}
