package org.boarfish.vision;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.boarfish.data.DataLoader;
import org.boarfish.data.Tuple;
import org.boarfish.learner.Learner;
import org.boarfish.nn.Module;
import org.boarfish.tensor.Autograd;
import org.boarfish.tensor.Tensor;

/**
 * {@code learn.show_results()}: a validation batch with targets and predictions, drawn by {@link
 * ImageGrid}.
 */
final class ShowResults {
  private ShowResults() {}

  /**
   * Classification: one cell per image titled {@code actual/predicted}. Segmentation ({@code [B, C,
   * H, W]} predictions): a row per image with the input, the target mask and the predicted mask
   * drawn over it.
   */
  static Path show(Learner learn, Path png, int max) {
    DataLoader dl = learn.dls().valid();
    Tuple batch = dl.oneBatch();
    Tensor x = batch.tensor(0);
    Tensor y = batch.size() > 1 ? batch.tensor(1) : null;
    Module model = learn.model();
    boolean training = model.isTraining();
    model.eval();
    Tensor pred;
    try (Autograd.NoGrad ng = Autograd.noGrad()) {
      pred = model.call(x);
    } finally {
      model.train(training);
    }
    int n = (int) Math.min(max, x.size(0));
    List<Tuple> decoded = dl.decodeBatch(batch, n);
    boolean segmentation = pred.dim() == 4;
    List<ImageGrid.Cell> cells = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BufferedImage img = ImageGrid.picture(decoded.get(i).get(0));
      Tensor pi = pred.slice(0, i, i + 1).squeeze(0);
      if (segmentation) {
        cells.add(new ImageGrid.Cell(img, "input"));
        if (y != null) {
          cells.add(
              new ImageGrid.Cell(
                  ImageGrid.overlay(img, y.slice(0, i, i + 1).squeeze(0)), "target"));
        }
        cells.add(new ImageGrid.Cell(ImageGrid.overlay(img, pi.argmax(0)), "prediction"));
      } else {
        String actual = y == null ? "?" : label(learn, (int) y.slice(0, i, i + 1).item());
        cells.add(new ImageGrid.Cell(img, actual + "/" + label(learn, (int) pi.argmax(0).item())));
      }
    }
    int cols = segmentation ? (y == null ? 2 : 3) : (int) Math.ceil(Math.sqrt(n));
    return ImageGrid.save(cells, cols, png);
  }

  /** The label of class {@code i}: the vocab's entry when the data has one, else the index. */
  static String label(Learner learn, int i) {
    try {
      return String.valueOf(learn.dls().vocab().get(i));
    } catch (RuntimeException e) {
      return Integer.toString(i);
    }
  }
}
