package org.boarfish.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one fixture case's PyTorch expression with Boarfish: named inputs in, named outputs out. */
final class OpEvaluator {
  private OpEvaluator() {}

  static Map<String, Tensor> run(Fixtures.Case c, Map<String, Tensor> in) {
    JsonNode p =
        c.params() == null
            ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
            : c.params();
    String v = c.variant();
    Map<String, Tensor> out = new LinkedHashMap<>();
    Tensor x = in.get("x");
    Tensor a = in.get("a");
    Tensor b = in.get("b");
    switch (c.op()) {
      case "matmul":
        out.put("out", a.matmul(b));
        break;
      case "linear":
        out.put("out", F.linear(in.get("input"), in.get("weight"), in.get("bias")));
        break;
      case "add":
        out.put("out", v.equals("scalar") ? a.add(2.5) : a.add(b));
        break;
      case "sub":
        out.put("out", v.equals("rscalar") ? a.rsub(1.0) : a.sub(b));
        break;
      case "mul":
        out.put("out", v.equals("scalar") ? a.mul(-1.5) : a.mul(b));
        break;
      case "div":
        out.put("out", v.equals("rscalar") ? a.rdiv(2.0) : a.div(b));
        break;
      case "sum":
        out.put(
            "out",
            p.has("dim") ? x.sum(dims(p.get("dim")), p.get("keepdim").asBoolean()) : x.sum());
        break;
      case "mean":
        out.put(
            "out",
            p.has("dim") ? x.mean(dims(p.get("dim")), p.get("keepdim").asBoolean()) : x.mean());
        break;
      case "max":
      case "min":
        {
          boolean max = c.op().equals("max");
          if (p.has("dim")) {
            ValuesIndices r =
                max
                    ? x.max(p.get("dim").asInt(), p.get("keepdim").asBoolean())
                    : x.min(p.get("dim").asInt(), p.get("keepdim").asBoolean());
            out.put("values", r.values());
            out.put("indices", r.indices());
          } else {
            out.put("out", max ? x.max() : x.min());
          }
          break;
        }
      case "amax":
        out.put("out", x.amax(dims(p.get("dim")), p.get("keepdim").asBoolean()));
        break;
      case "amin":
        out.put("out", x.amin(dims(p.get("dim")), p.get("keepdim").asBoolean()));
        break;
      case "exp":
        out.put("out", x.exp());
        break;
      case "log":
        out.put("out", x.log());
        break;
      case "sqrt":
        out.put("out", x.sqrt());
        break;
      case "pow":
        out.put(
            "out", p.has("exponent") ? x.pow(p.get("exponent").asDouble()) : x.pow(in.get("y")));
        break;
      case "tanh":
        out.put("out", x.tanh());
        break;
      case "sigmoid":
        out.put("out", x.sigmoid());
        break;
      case "relu":
        out.put("out", x.relu());
        break;
      case "leaky_relu":
        out.put("out", x.leakyRelu(p.get("negative_slope").asDouble()));
        break;
      case "gelu":
        out.put("out", p.get("approximate").asText().equals("tanh") ? x.geluTanh() : x.gelu());
        break;
      case "softplus":
        out.put("out", x.softplus(p.get("beta").asDouble(), p.get("threshold").asDouble()));
        break;
      case "clamp":
        out.put(
            "out",
            x.clamp(
                p.has("min") ? p.get("min").asDouble() : Double.NEGATIVE_INFINITY,
                p.has("max") ? p.get("max").asDouble() : Double.POSITIVE_INFINITY));
        break;
      case "softmax":
        out.put("out", x.softmax(p.get("dim").asInt()));
        break;
      case "log_softmax":
        out.put("out", x.logSoftmax(p.get("dim").asInt()));
        break;
      case "cross_entropy":
        out.put(
            "out",
            F.crossEntropy(
                in.get("input"),
                in.get("target"),
                reduction(p),
                p.has("label_smoothing") ? p.get("label_smoothing").asDouble() : 0.0));
        break;
      case "nll_loss":
        out.put("out", F.nllLoss(in.get("input"), in.get("target"), reduction(p)));
        break;
      case "bce_with_logits":
        out.put("out", F.bceWithLogits(in.get("input"), in.get("target"), reduction(p)));
        break;
      case "mse_loss":
        out.put("out", F.mseLoss(in.get("input"), in.get("target"), reduction(p)));
        break;
      case "l1_loss":
        out.put("out", F.l1Loss(in.get("input"), in.get("target"), reduction(p)));
        break;
      case "conv2d":
        out.put(
            "out",
            F.conv2d(
                in.get("input"),
                in.get("weight"),
                in.get("bias"),
                pair(p.get("stride")),
                pair(p.get("padding")),
                pair(p.get("dilation")),
                p.get("groups").asInt()));
        break;
      case "conv_transpose2d":
        out.put(
            "out",
            F.convTranspose2d(
                in.get("input"),
                in.get("weight"),
                in.get("bias"),
                pair(p.get("stride")),
                pair(p.get("padding")),
                pair(p.get("output_padding")),
                p.get("groups").asInt(),
                pair(p.get("dilation"))));
        break;
      case "max_pool2d":
        out.put(
            "out",
            F.maxPool2d(
                x,
                pair(p.get("kernel_size")),
                pair(p.get("stride")),
                pair(p.path("padding")),
                new int[] {1, 1},
                p.path("ceil_mode").asBoolean(false)));
        break;
      case "avg_pool2d":
        out.put(
            "out",
            F.avgPool2d(
                x,
                pair(p.get("kernel_size")),
                pair(p.get("stride")),
                pair(p.path("padding")),
                p.path("ceil_mode").asBoolean(false),
                p.path("count_include_pad").asBoolean(true)));
        break;
      case "adaptive_avg_pool2d":
        {
          int[] s = pair(p.get("output_size"));
          out.put("out", F.adaptiveAvgPool2d(x, s[0], s[1]));
          break;
        }
      case "adaptive_max_pool2d":
        {
          int[] s = pair(p.get("output_size"));
          out.put("out", F.adaptiveMaxPool2d(x, s[0], s[1]));
          break;
        }
      case "batch_norm":
        {
          boolean training = p.get("training").asBoolean();
          Tensor rm = in.get("running_mean");
          Tensor rv = in.get("running_var");
          out.put(
              "out",
              F.batchNorm(
                  in.get("input"),
                  rm,
                  rv,
                  in.get("weight"),
                  in.get("bias"),
                  training,
                  p.path("momentum").asDouble(0.1),
                  p.get("eps").asDouble()));
          if (training) {
            out.put("running_mean", rm);
            out.put("running_var", rv);
          }
          break;
        }
      case "layer_norm":
        {
          JsonNode ns = p.get("normalized_shape");
          long[] shape = new long[ns.size()];
          for (int i = 0; i < shape.length; i++) {
            shape[i] = ns.get(i).asLong();
          }
          out.put(
              "out",
              F.layerNorm(x, shape, in.get("weight"), in.get("bias"), p.get("eps").asDouble()));
          break;
        }
      case "embedding":
        out.put(
            "out",
            p.has("padding_idx")
                ? F.embedding(in.get("idx"), in.get("weight"), p.get("padding_idx").asLong())
                : F.embedding(in.get("idx"), in.get("weight")));
        break;
      case "lstm":
        {
          int layers = p.get("num_layers").asInt();
          List<Tensor> w = new ArrayList<>();
          for (int l = 0; l < layers; l++) {
            w.add(in.get("weight_ih_l" + l));
            w.add(in.get("weight_hh_l" + l));
            w.add(in.get("bias_ih_l" + l));
            w.add(in.get("bias_hh_l" + l));
          }
          LstmState r =
              F.lstm(
                  in.get("input"),
                  in.get("h0"),
                  in.get("c0"),
                  w,
                  layers,
                  p.get("batch_first").asBoolean());
          out.put("output", r.output());
          out.put("h_n", r.h());
          out.put("c_n", r.c());
          break;
        }
      case "cat":
        out.put("out", Tensor.cat(List.of(a, b), p.get("dim").asInt()));
        break;
      case "stack":
        out.put("out", Tensor.stack(List.of(a, b, in.get("c")), p.get("dim").asInt()));
        break;
      case "transpose":
        out.put("out", x.transpose(p.get("dim0").asInt(), p.get("dim1").asInt()));
        break;
      case "permute":
        out.put("out", x.permute(dims(p.get("dims"))));
        break;
      case "reshape":
        out.put(
            "out",
            p.has("shape") ? x.reshape(longs(p.get("shape"))) : x.transpose(0, 1).reshape(3, 8));
        break;
      case "slice":
        {
          String s = p.get("slices").asText();
          out.put("out", in.get("y").index(s.substring(1, s.length() - 1)));
          break;
        }
      case "gather":
        out.put("out", x.gather(p.get("dim").asInt(), in.get("index")));
        break;
      case "index_select":
        out.put("out", x.indexSelect(p.get("dim").asInt(), in.get("index")));
        break;
      case "where":
        out.put("out", Tensor.where(in.get("cond"), a, b));
        break;
      case "masked_fill":
        out.put("out", x.maskedFill(in.get("mask"), p.get("value").asDouble()));
        break;
      default:
        throw new UnsupportedOperationException("no evaluator for op " + c.op());
    }
    return out;
  }

  private static Reduction reduction(JsonNode p) {
    return Reduction.valueOf(p.path("reduction").asText("mean").toUpperCase(java.util.Locale.ROOT));
  }

  private static int[] dims(JsonNode n) {
    if (n.isArray()) {
      int[] d = new int[n.size()];
      for (int i = 0; i < d.length; i++) {
        d[i] = n.get(i).asInt();
      }
      return d;
    }
    return new int[] {n.asInt()};
  }

  private static long[] longs(JsonNode n) {
    long[] d = new long[n.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = n.get(i).asLong();
    }
    return d;
  }

  private static int[] pair(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return new int[] {0, 0};
    }
    if (n.isArray()) {
      return new int[] {n.get(0).asInt(), n.get(1).asInt()};
    }
    return new int[] {n.asInt(), n.asInt()};
  }
}
