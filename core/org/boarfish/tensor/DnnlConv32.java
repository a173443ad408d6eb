package org.boarfish.tensor;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Float32 convolution forward (one group, NCHW in and out) on oneDNN primitives built once per
 * shape and kept (64 shapes, least recently used dropped), the way PyTorch's oneDNN path runs: the
 * input is reordered to oneDNN's blocked layout, the weights to the layout the kernel wants (on
 * every call: weights change between steps), the output back to NCHW. libnd4j builds a new oneDNN
 * primitive on every call, and its oneDNN 2.3 picks kernels up to 3× slower on ResNet's small maps
 * (docs/benchmarks-resnet.md).
 *
 * <p>Layouts: 16 input channels or more run on the direct AVX-512 kernels over 16-channel blocks
 * ({@code nChw16c}); fewer (a stem on RGB) let oneDNN choose (channels last). The blocked copies
 * live in per-thread buffers that only grow, so memory stays flat however many shapes are cached.
 */
final class DnnlConv32 {
  private static final int MAX_PLANS = 64;

  private static final Map<Key, Plan> PLANS =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Plan> eldest) {
          if (size() > MAX_PLANS) {
            eldest.getValue().close();
            return true;
          }
          return false;
        }
      };

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private DnnlConv32() {}

  /** Whether the forward of dense float32 {@code x} and {@code w} can run here. */
  static boolean applies(INDArray x, INDArray w, INDArray b) {
    return Dnnl.OK
        && Floats.dense32(x)
        && Floats.dense32(w)
        && (b == null || Floats.dense32(b))
        && x.length() > 0;
  }

  /**
   * {@code conv2d(x, w, b)} of one group; {@code args} as libnd4j's conv2d ({@code kh, kw, sh, sw,
   * ph, pw, dh, dw, ...}), {@code outShape} the NCHW output shape.
   */
  static INDArray forward(INDArray x, INDArray w, INDArray b, int[] args, long[] outShape) {
    Key key = new Key(x.shape(), w.shape(), outShape, args, b != null);
    Plan plan;
    synchronized (PLANS) {
      plan = PLANS.computeIfAbsent(key, Plan::new);
    }
    INDArray out = Kernels.empty(DataType.FLOAT, outShape);
    plan.run(x, w, b, out, BUFFERS.get());
    return out;
  }

  /** Everything that decides a primitive. */
  private record Key(long[] x, long[] w, long[] out, int[] args, boolean bias) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && java.util.Arrays.equals(x, k.x)
          && java.util.Arrays.equals(w, k.w)
          && java.util.Arrays.equals(out, k.out)
          && java.util.Arrays.equals(args, 0, 8, k.args, 0, 8)
          && bias == k.bias;
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(x) * 31
          + java.util.Arrays.hashCode(w) * 17
          + java.util.Arrays.hashCode(java.util.Arrays.copyOf(args, 8))
          + (bias ? 1 : 0);
    }
  }

  /** A convolution primitive with the reorders around it and their argument lists. */
  private static final class Plan {
    private final dnnl_primitive conv;
    private final Step src;
    private final Step weights;
    private final Step dst;
    private final dnnl_memory bias;
    private final dnnl_exec_arg_t convArgs;
    private boolean closed;

    Plan(Key k) {
      int[] a = k.args;
      long[] strides = {a[2], a[3]};
      long[] pads = {a[4], a[5]};
      long[] dilates = {a[6] - 1, a[7] - 1};
      int act = k.x[1] >= 16 ? dnnl_nChw16c : dnnl_format_tag_any;
      dnnl_memory_desc_t userX = Dnnl.desc(k.x, dnnl_nchw);
      dnnl_memory_desc_t userW = Dnnl.desc(k.w, dnnl_oihw);
      dnnl_memory_desc_t userOut = Dnnl.desc(k.out, dnnl_nchw);
      dnnl_memory_desc_t biasDesc = k.bias ? Dnnl.desc(new long[] {k.w[0]}, dnnl_a) : null;
      dnnl_convolution_desc_t cd = new dnnl_convolution_desc_t();
      Dnnl.check(
          dnnl_dilated_convolution_forward_desc_init(
              cd,
              dnnl_forward_inference,
              dnnl_convolution_direct,
              Dnnl.desc(k.x, act),
              Dnnl.desc(k.w, dnnl_format_tag_any),
              biasDesc,
              Dnnl.desc(k.out, act),
              strides,
              dilates,
              pads,
              pads),
          "convolution descriptor");
      dnnl_primitive_desc pd = new dnnl_primitive_desc();
      Dnnl.check(
          dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(cd), null, Dnnl.engine(), null),
          "convolution");
      src = new Step(userX, dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0), true);
      weights = new Step(userW, dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0), true);
      dst = new Step(userOut, dnnl_primitive_desc_query_md(pd, dnnl_query_dst_md, 0), false);
      conv = Dnnl.primitive(pd, "convolution");
      Dnnl.check(dnnl_primitive_desc_destroy(pd), "destroy");
      bias = k.bias ? Dnnl.memory(biasDesc) : null;
      convArgs = new dnnl_exec_arg_t(k.bias ? 4 : 3);
      convArgs.position(0).arg(DNNL_ARG_SRC).memory(src.inner);
      convArgs.position(1).arg(DNNL_ARG_WEIGHTS).memory(weights.inner);
      convArgs.position(2).arg(DNNL_ARG_DST).memory(dst.inner);
      if (k.bias) {
        convArgs.position(3).arg(DNNL_ARG_BIAS).memory(bias);
      }
      convArgs.position(0);
    }

    synchronized void run(INDArray x, INDArray w, INDArray b, INDArray out, Buffers buf) {
      if (closed) {
        throw new IllegalStateException("internal: a dropped oneDNN convolution plan was used");
      }
      Dnnl.bind(src.user, Dnnl.address(x));
      Dnnl.bind(weights.user, Dnnl.address(w));
      Dnnl.bind(dst.user, Dnnl.address(out));
      if (bias != null) {
        Dnnl.bind(bias, Dnnl.address(b));
      }
      src.bindInner(buf, 0);
      weights.bindInner(buf, 1);
      dst.bindInner(buf, 2);
      src.reorder();
      weights.reorder();
      int nargs = bias != null ? 4 : 3;
      Dnnl.check(dnnl_primitive_execute(conv, Dnnl.stream(), nargs, convArgs), "convolution");
      dst.reorder();
      Dnnl.check(dnnl_stream_wait(Dnnl.stream()), "stream wait");
    }

    synchronized void close() {
      closed = true;
      dnnl_primitive_destroy(conv);
      src.close();
      weights.close();
      dst.close();
      if (bias != null) {
        dnnl_memory_destroy(bias);
      }
      convArgs.close();
    }
  }

  /**
   * One operand: the user's NCHW memory and, when the kernel wants another layout, a reorder into
   * (or, for the output, out of) the inner memory.
   */
  private static final class Step {
    final dnnl_memory user;
    final dnnl_memory inner;
    private final dnnl_primitive reorder;
    private final long bytes;
    private final dnnl_exec_arg_t args;

    Step(dnnl_memory_desc_t userDesc, dnnl_memory_desc_t innerDesc, boolean in) {
      user = Dnnl.memory(userDesc);
      if (dnnl_memory_desc_equal(userDesc, innerDesc) != 0) {
        inner = user;
        reorder = null;
        bytes = 0;
        args = null;
        return;
      }
      inner = Dnnl.memory(innerDesc);
      bytes = dnnl_memory_desc_get_size(innerDesc);
      reorder = in ? Dnnl.reorder(userDesc, innerDesc) : Dnnl.reorder(innerDesc, userDesc);
      args = new dnnl_exec_arg_t(2);
      args.position(0).arg(DNNL_ARG_FROM).memory(in ? user : inner);
      args.position(1).arg(DNNL_ARG_TO).memory(in ? inner : user);
      args.position(0);
    }

    void bindInner(Buffers buf, int slot) {
      if (reorder != null) {
        Dnnl.bind(inner, buf.get(slot, bytes));
      }
    }

    void reorder() {
      if (reorder != null) {
        Dnnl.check(dnnl_primitive_execute(reorder, Dnnl.stream(), 2, args), "reorder");
      }
    }

    void close() {
      dnnl_memory_destroy(user);
      if (reorder != null) {
        dnnl_primitive_destroy(reorder);
        dnnl_memory_destroy(inner);
        args.close();
      }
    }
  }

  /** A thread's blocked copies (input, weights, output), each grown to the largest asked for. */
  private static final class Buffers {
    private final FloatPointer[] owned = new FloatPointer[3];
    private final Pointer[] aligned = new Pointer[3];
    private final long[] capacity = new long[3];

    Pointer get(int slot, long bytes) {
      if (bytes > capacity[slot]) {
        if (owned[slot] != null) {
          owned[slot].close();
        }
        FloatPointer p = new FloatPointer(bytes / 4 + 32); // room to align to 64 bytes
        long skip = ((64 - p.address() % 64) % 64) / 4;
        owned[slot] = p;
        aligned[slot] = new FloatPointer(p).position(skip);
        capacity[slot] = bytes;
      }
      return aligned[slot];
    }
  }
}
