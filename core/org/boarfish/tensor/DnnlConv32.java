package org.boarfish.tensor;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
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

  private static final DnnlCache<Key, Plan> PLANS = new DnnlCache<>(MAX_PLANS);

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
    INDArray out = Kernels.empty(DataType.FLOAT, outShape);
    run(Spec.PLAIN, x, x.shape(), w, b, args, outShape, null, null, null, out);
    return out;
  }

  /**
   * The convolution with what follows it fused: {@code out = relu?(conv(x, w) · scale + shift +
   * residual)}, the residual only when {@code spec.residual} (a blocked map of the output's shape).
   * Operands flagged blocked in {@code spec} are {@code nChw16c} buffers of the NCHW shapes given.
   */
  static void run(
      Spec spec,
      INDArray x,
      long[] xShape,
      INDArray w,
      INDArray b,
      int[] args,
      long[] outShape,
      INDArray scale,
      INDArray shift,
      INDArray residual,
      INDArray out) {
    Key key = new Key(xShape, w.shape(), outShape, args, b != null, spec);
    PLANS.get(key, Plan::new).run(x, w, b, scale, shift, residual, out, BUFFERS.get());
  }

  /**
   * Where the activations are and what runs after the convolution: input and output in {@code
   * nChw16c} (else NCHW), a per-channel scale and shift (a folded batch norm), a residual added
   * (output blocked only), a ReLU.
   */
  record Spec(
      boolean srcBlocked, boolean dstBlocked, boolean scaleShift, boolean residual, boolean relu) {
    static final Spec PLAIN = new Spec(false, false, false, false, false);
  }

  /** Everything that decides a primitive. */
  private record Key(long[] x, long[] w, long[] out, int[] args, boolean bias, Spec spec) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && java.util.Arrays.equals(x, k.x)
          && java.util.Arrays.equals(w, k.w)
          && java.util.Arrays.equals(out, k.out)
          && java.util.Arrays.equals(args, 0, 8, k.args, 0, 8)
          && bias == k.bias
          && spec.equals(k.spec);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(x) * 31
          + java.util.Arrays.hashCode(w) * 17
          + java.util.Arrays.hashCode(java.util.Arrays.copyOf(args, 8))
          + (bias ? 1 : 0)
          + spec.hashCode() * 7;
    }
  }

  /** A convolution primitive with the reorders around it and their argument lists. */
  private static final class Plan implements AutoCloseable {
    private final dnnl_primitive conv;
    private final Step src;
    private final Step weights;
    private final Step dst;
    private final dnnl_memory bias;
    private final dnnl_memory scale;
    private final dnnl_memory shift;
    private final dnnl_memory residual;
    private final dnnl_exec_arg_t convArgs;
    private final int nargs;
    private boolean closed;

    Plan(Key k) {
      Spec spec = k.spec;
      if (spec.residual && !spec.dstBlocked) {
        throw new IllegalArgumentException("internal: a fused residual needs a blocked output");
      }
      int[] a = k.args;
      long[] strides = {a[2], a[3]};
      long[] pads = {a[4], a[5]};
      long[] dilates = {a[6] - 1, a[7] - 1};
      int free = k.x[1] >= 16 ? dnnl_nChw16c : dnnl_format_tag_any;
      dnnl_memory_desc_t userX = Dnnl.desc(k.x, spec.srcBlocked ? dnnl_nChw16c : dnnl_nchw);
      dnnl_memory_desc_t userW = Dnnl.desc(k.w, dnnl_oihw);
      dnnl_memory_desc_t userOut = Dnnl.desc(k.out, spec.dstBlocked ? dnnl_nChw16c : dnnl_nchw);
      dnnl_memory_desc_t biasDesc = k.bias ? Dnnl.desc(new long[] {k.w[0]}, dnnl_a) : null;
      dnnl_convolution_desc_t cd = new dnnl_convolution_desc_t();
      Dnnl.check(
          dnnl_dilated_convolution_forward_desc_init(
              cd,
              dnnl_forward_inference,
              dnnl_convolution_direct,
              spec.srcBlocked ? userX : Dnnl.desc(k.x, free),
              Dnnl.desc(k.w, dnnl_format_tag_any),
              biasDesc,
              Dnnl.desc(k.out, free),
              strides,
              dilates,
              pads,
              pads),
          "convolution descriptor");
      dnnl_memory_desc_t channel = Dnnl.desc(new long[] {1, k.w[0], 1, 1}, dnnl_nchw);
      dnnl_primitive_attr attr = attributes(spec, channel, userOut);
      dnnl_primitive_desc pd = new dnnl_primitive_desc();
      Dnnl.check(
          dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(cd), attr, Dnnl.engine(), null),
          "convolution " + k);
      if (attr != null) {
        dnnl_primitive_attr_destroy(attr);
      }
      src = new Step(userX, dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0), true);
      weights = new Step(userW, dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0), true);
      dst = new Step(userOut, dnnl_primitive_desc_query_md(pd, dnnl_query_dst_md, 0), false);
      conv = Dnnl.primitive(pd, "convolution");
      Dnnl.check(dnnl_primitive_desc_destroy(pd), "destroy");
      bias = k.bias ? Dnnl.memory(biasDesc) : null;
      scale = spec.scaleShift ? Dnnl.memory(channel) : null;
      shift = spec.scaleShift ? Dnnl.memory(channel) : null;
      residual = spec.residual ? Dnnl.memory(userOut) : null;
      nargs = 3 + (k.bias ? 1 : 0) + (spec.scaleShift ? 2 : 0) + (spec.residual ? 1 : 0);
      convArgs = new dnnl_exec_arg_t(nargs);
      int i = 0;
      i = arg(i, DNNL_ARG_SRC, src.inner);
      i = arg(i, DNNL_ARG_WEIGHTS, weights.inner);
      i = arg(i, DNNL_ARG_DST, dst.inner);
      if (k.bias) {
        i = arg(i, DNNL_ARG_BIAS, bias);
      }
      int op = 0;
      if (spec.scaleShift) {
        i = arg(i, postOpSrc(op++), scale);
        i = arg(i, postOpSrc(op++), shift);
      }
      if (spec.residual) {
        arg(i, postOpSrc(op), residual);
      }
      convArgs.position(0);
    }

    /** The argument kind of the second input of post-op {@code index}. */
    private static int postOpSrc(int index) {
      return DNNL_ARG_ATTR_MULTIPLE_POST_OP_BASE * (index + 1) | DNNL_ARG_SRC_1;
    }

    /**
     * The post-ops of {@code spec} (null when none): ×scale, +shift, +residual, ReLU. The residual
     * is a binary add of a whole map, not oneDNN's sum post-op: after binary post-ops a sum sends
     * oneDNN 2.7 to its reference kernel (7.5 s instead of 10 ms on a 64-channel 16×16 batch).
     */
    private static dnnl_primitive_attr attributes(
        Spec spec, dnnl_memory_desc_t channel, dnnl_memory_desc_t out) {
      if (!spec.scaleShift && !spec.residual && !spec.relu) {
        return null;
      }
      dnnl_post_ops ops = new dnnl_post_ops();
      Dnnl.check(dnnl_post_ops_create(ops), "post-ops");
      if (spec.scaleShift) {
        Dnnl.check(dnnl_post_ops_append_binary(ops, dnnl_binary_mul, channel), "scale post-op");
        Dnnl.check(dnnl_post_ops_append_binary(ops, dnnl_binary_add, channel), "shift post-op");
      }
      if (spec.residual) {
        Dnnl.check(dnnl_post_ops_append_binary(ops, dnnl_binary_add, out), "residual post-op");
      }
      if (spec.relu) {
        Dnnl.check(dnnl_post_ops_append_eltwise(ops, 1f, dnnl_eltwise_relu, 0f, 0f), "relu");
      }
      dnnl_primitive_attr attr = new dnnl_primitive_attr();
      Dnnl.check(dnnl_primitive_attr_create(attr), "attributes");
      Dnnl.check(dnnl_primitive_attr_set_post_ops(attr, ops), "attributes");
      dnnl_post_ops_destroy(ops);
      return attr;
    }

    private int arg(int i, int kind, dnnl_memory m) {
      convArgs.position(i).arg(kind).memory(m);
      return i + 1;
    }

    synchronized void run(
        INDArray x,
        INDArray w,
        INDArray b,
        INDArray sc,
        INDArray sh,
        INDArray res,
        INDArray out,
        Buffers buf) {
      if (closed) {
        throw new IllegalStateException("internal: a dropped oneDNN convolution plan was used");
      }
      Dnnl.bind(src.user, Dnnl.address(x));
      Dnnl.bind(weights.user, Dnnl.address(w));
      Dnnl.bind(dst.user, Dnnl.address(out));
      if (bias != null) {
        Dnnl.bind(bias, Dnnl.address(b));
      }
      if (scale != null) {
        Dnnl.bind(scale, Dnnl.address(sc));
        Dnnl.bind(shift, Dnnl.address(sh));
      }
      if (residual != null) {
        Dnnl.bind(residual, Dnnl.address(res));
      }
      src.bindInner(buf, 0);
      weights.bindInner(buf, 1);
      dst.bindInner(buf, 2);
      src.reorder();
      weights.reorder();
      Dnnl.check(dnnl_primitive_execute(conv, Dnnl.stream(), nargs, convArgs), "convolution");
      dst.reorder();
      Dnnl.check(dnnl_stream_wait(Dnnl.stream()), "stream wait");
    }

    @Override
    public synchronized void close() {
      closed = true;
      dnnl_primitive_destroy(conv);
      src.close();
      weights.close();
      dst.close();
      for (dnnl_memory m : new dnnl_memory[] {bias, scale, shift, residual}) {
        if (m != null) {
          dnnl_memory_destroy(m);
        }
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
