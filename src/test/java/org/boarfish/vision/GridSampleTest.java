package org.boarfish.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** GridSample against PyTorch's F.affine_grid / F.grid_sample (align_corners=True). */
class GridSampleTest {
  @Test
  void affineGridMatchesPyTorch() {
    Tensor theta = Tensor.fromNpy(VisionFiles.resource("grid_theta.npy"));
    Tensor expected = Tensor.fromNpy(VisionFiles.resource("grid_affine.npy"));
    Tensor grid = GridSample.affineGrid(theta, 2, 4, 6);
    assertArrayEquals(expected.shape(), grid.shape());
    assertArrayEquals(expected.toFloatArray(), grid.toFloatArray(), 1e-6f);
  }

  @Test
  void gridSampleMatchesPyTorchForEveryModeAndPadding() {
    Tensor x = Tensor.fromNpy(VisionFiles.resource("grid_input.npy"));
    int checked = 0;
    for (String name : new String[] {"affine", "random"}) {
      Tensor grid = Tensor.fromNpy(VisionFiles.resource("grid_" + name + ".npy"));
      for (GridSample.Mode mode : GridSample.Mode.values()) {
        for (PadMode pad : PadMode.values()) {
          String file =
              "grid_out_" + name + "_" + lower(mode.name()) + "_" + lower(pad.name()) + ".npy";
          Tensor expected = Tensor.fromNpy(VisionFiles.resource(file));
          Tensor out = GridSample.gridSample(x, grid, mode, pad);
          assertArrayEquals(expected.shape(), out.shape(), file);
          assertArrayEquals(expected.toFloatArray(), out.toFloatArray(), 1e-5f, file);
          checked++;
        }
      }
    }
    assertEquals(12, checked);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
