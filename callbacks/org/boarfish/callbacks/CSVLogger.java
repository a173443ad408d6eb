package org.boarfish.callbacks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.learner.Callback;
import org.boarfish.learner.Learner;
import org.boarfish.learner.Recorder;

/**
 * fastai's {@code CSVLogger} (order 51, after the Recorder): writes the epoch table to {@code
 * path/history.csv}, a header of the column names then one line per epoch ({@code
 * epoch,train_loss,valid_loss,<metrics>,time}).
 */
public final class CSVLogger implements Callback {
  private final String fname;
  private final boolean append;
  private BufferedWriter out;
  private Path file;

  /** {@code history.csv}, overwritten by each fit. */
  public CSVLogger() {
    this("history.csv", false);
  }

  /** A file under the learner's path; with {@code append} later fits add lines to it. */
  public CSVLogger(String fname, boolean append) {
    this.fname = fname;
    this.append = append;
  }

  @Override
  public int order() {
    return 51;
  }

  @Override
  public void beforeFit(Learner learn) {
    if (learn.isLrFinding()) {
      return;
    }
    file = learn.path().resolve(fname);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      boolean header = !append || !Files.exists(file) || Files.size(file) == 0;
      out =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
      if (header) {
        out.write(String.join(",", learn.recorder().metricNames()));
        out.newLine();
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger cannot write " + file + ": " + e, e);
    }
  }

  @Override
  public void afterEpoch(Learner learn) {
    if (out == null) {
      return;
    }
    Recorder r = learn.recorder();
    int e = r.values().size() - 1;
    List<String> cells = new ArrayList<>();
    cells.add(Integer.toString(learn.epoch()));
    for (double v : r.values().get(e)) {
      cells.add(Double.toString(v));
    }
    long t = Math.round(r.times().get(e));
    cells.add(String.format("%02d:%02d", t / 60, t % 60));
    try {
      out.write(String.join(",", cells));
      out.newLine();
      out.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException("CSVLogger cannot write " + file + ": " + ex, ex);
    }
  }

  @Override
  public void afterFit(Learner learn) {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        out = null;
      }
    }
  }

  /** The file written by the last fit. */
  public Path file() {
    return file;
  }

  @Override
  public String toString() {
    return "CSVLogger[" + fname + "]";
  }
}
