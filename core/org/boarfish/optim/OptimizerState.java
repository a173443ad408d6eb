package org.boarfish.optim;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.boarfish.tensor.DType;
import org.boarfish.tensor.Scope;
import org.boarfish.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Converts an optimizer's hypers and state to and from a flat map of tensors (see {@link
 * Optimizer#stateDict()}).
 */
final class OptimizerState {
  private static final List<String> HYPERS = List.of("lr", "mom", "sqr_mom", "eps", "wd");
  private static final Pattern GROUP_KEY = Pattern.compile("group\\.(\\d+)\\.([a-z_]+)");
  private static final Pattern STATE_KEY = Pattern.compile("state\\.(\\d+)\\.(\\d+)\\.([a-z_]+)");

  private OptimizerState() {}

  static Map<String, Tensor> save(
      List<ParamGroup> groups, Map<Tensor, ParamState> state, List<String> names) {
    return Scope.outside(
        () -> {
          Map<String, Tensor> out = new LinkedHashMap<>();
          for (int g = 0; g < groups.size(); g++) {
            Hypers h = groups.get(g).hypers();
            double[] v = {h.lr(), h.mom(), h.sqrMom(), h.eps(), h.wd()};
            for (int k = 0; k < HYPERS.size(); k++) {
              out.put("group." + g + "." + HYPERS.get(k), Tensor.scalar(v[k], DType.FLOAT64));
            }
          }
          for (int g = 0; g < groups.size(); g++) {
            List<Tensor> params = groups.get(g).params();
            for (int i = 0; i < params.size(); i++) {
              ParamState s = state.get(params.get(i));
              if (s == null) {
                continue;
              }
              String prefix = "state." + g + "." + i + ".";
              out.put(prefix + "step", Tensor.scalar(s.step, DType.INT64));
              for (int b = 0; b < names.size(); b++) {
                if (s.has(b)) {
                  out.put(prefix + names.get(b), Tensor.wrap(s.buffers[b].dup('c')));
                }
              }
            }
          }
          return out;
        });
  }

  /**
   * Validates the whole dict, sets the hypers, and returns the new per-parameter state (copies).
   */
  static Map<Tensor, ParamState> load(
      Map<String, Tensor> dict, List<ParamGroup> groups, List<String> names, String kind) {
    int nGroups = groups.size();
    double[][] hypers = new double[nGroups][HYPERS.size()];
    boolean[][] seen = new boolean[nGroups][HYPERS.size()];
    Map<Tensor, ParamState> result = new IdentityHashMap<>();
    Map<Tensor, String> stepKey = new IdentityHashMap<>();
    for (Map.Entry<String, Tensor> e : dict.entrySet()) {
      String key = e.getKey();
      Tensor value = e.getValue();
      Matcher gm = GROUP_KEY.matcher(key);
      Matcher sm = STATE_KEY.matcher(key);
      if (gm.matches()) {
        int g = groupIndex(key, gm.group(1), nGroups);
        int k = HYPERS.indexOf(gm.group(2));
        if (k < 0) {
          throw unexpected(key, kind, names);
        }
        hypers[g][k] = scalar(key, value);
        seen[g][k] = true;
      } else if (sm.matches()) {
        int g = groupIndex(key, sm.group(1), nGroups);
        List<Tensor> params = groups.get(g).params();
        int i = Integer.parseInt(sm.group(2));
        if (i >= params.size()) {
          throw new IllegalArgumentException(
              "optimizer state key '"
                  + key
                  + "' names parameter "
                  + i
                  + " of group "
                  + g
                  + ", which has only "
                  + params.size()
                  + " parameters");
        }
        Tensor p = params.get(i);
        ParamState s = result.computeIfAbsent(p, t -> new ParamState(names.size()));
        String what = sm.group(3);
        if (what.equals("step")) {
          s.step = (int) scalar(key, value);
          stepKey.put(p, key);
        } else {
          int b = names.indexOf(what);
          if (b < 0) {
            throw unexpected(key, kind, names);
          }
          if (!Arrays.equals(value.shape(), p.shape())) {
            throw new IllegalArgumentException(
                "optimizer state '"
                    + key
                    + "' has shape "
                    + Arrays.toString(value.shape())
                    + " but the parameter has shape "
                    + Arrays.toString(p.shape()));
          }
          INDArray src = value.data();
          s.buffers[b] = Scope.outside(() -> src.castTo(p.dtype().nd4j()).dup('c'));
        }
      } else {
        throw unexpected(key, kind, names);
      }
    }
    for (int g = 0; g < nGroups; g++) {
      for (int k = 0; k < HYPERS.size(); k++) {
        if (!seen[g][k]) {
          throw new IllegalArgumentException(
              "optimizer state lacks 'group."
                  + g
                  + "."
                  + HYPERS.get(k)
                  + "': it was saved from an optimizer with fewer param groups, or is not an optimizer state");
        }
      }
    }
    for (Tensor p : result.keySet()) {
      if (!stepKey.containsKey(p)) {
        throw new IllegalArgumentException(
            "optimizer state has buffers but no step count for a parameter of shape "
                + Arrays.toString(p.shape()));
      }
    }
    Hypers[] next = new Hypers[nGroups];
    for (int g = 0; g < nGroups; g++) {
      double[] v = hypers[g];
      next[g] = new Hypers(v[0], v[1], v[2], v[3], v[4]);
    }
    for (int g = 0; g < nGroups; g++) {
      groups.get(g).setHypers(next[g]);
    }
    return result;
  }

  private static int groupIndex(String key, String digits, int nGroups) {
    int g = Integer.parseInt(digits);
    if (g >= nGroups) {
      throw new IllegalArgumentException(
          "optimizer state key '"
              + key
              + "' names param group "
              + g
              + " but this optimizer has "
              + nGroups
              + " groups");
    }
    return g;
  }

  private static double scalar(String key, Tensor t) {
    if (t.numel() != 1) {
      throw new IllegalArgumentException(
          "optimizer state '"
              + key
              + "' must hold one value, it has shape "
              + Arrays.toString(t.shape()));
    }
    return t.item();
  }

  private static IllegalArgumentException unexpected(String key, String kind, List<String> names) {
    return new IllegalArgumentException(
        "unexpected key '"
            + key
            + "' in the state of a "
            + kind
            + " optimizer (its per-parameter buffers are "
            + names
            + "); was it saved from another kind of optimizer?");
  }
}
