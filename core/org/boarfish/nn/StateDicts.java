package org.boarfish.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.boarfish.io.LoadReport;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Loading a state dict into a module's tensors in place. */
final class StateDicts {
  private StateDicts() {}

  static LoadReport load(
      Module module, Map<String, Tensor> own, Map<String, Tensor> given, boolean strict) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    own.forEach((k, v) -> shapes.put(k, v.shape()));
    LoadReport report = LoadReport.compare(shapes, given);
    if (strict && !report.isClean()) {
      throw new IllegalArgumentException(
          "loadStateDict into "
              + module.name()
              + " failed, nothing was loaded: "
              + report
              + "\n(call loadStateDict(map, false) to load the matching keys and get this report back)");
    }
    own.forEach(
        (k, target) -> {
          Tensor src = given.get(k);
          if (src != null && java.util.Arrays.equals(src.shape(), target.shape())) {
            INDArray from = src.data();
            INDArray to = target.data();
            to.assign(from.dataType() == to.dataType() ? from : from.castTo(to.dataType()));
          }
        });
    return report;
  }
}
