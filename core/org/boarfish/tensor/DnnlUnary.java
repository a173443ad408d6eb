package org.boarfish.tensor;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.Arrays;
import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_v2_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A oneDNN primitive with one input and one output, built once per shape and kept (64, least
 * recently used dropped): the layout reorders and the inference max pooling of {@link Blocked}.
 */
final class DnnlUnary implements AutoCloseable {
  private static final int MAX = 64;

  private static final DnnlCache<String, DnnlUnary> CACHE = new DnnlCache<>(MAX);

  private final dnnl_primitive primitive;
  private final dnnl_memory in;
  private final dnnl_memory out;
  private final dnnl_exec_arg_t args = new dnnl_exec_arg_t(2);
  private final int inKind;
  private boolean closed;

  private DnnlUnary(
      dnnl_primitive primitive,
      dnnl_memory_desc_t inDesc,
      dnnl_memory_desc_t outDesc,
      int inKind,
      int outKind) {
    this.primitive = primitive;
    this.inKind = inKind;
    in = Dnnl.memory(inDesc);
    out = Dnnl.memory(outDesc);
    args.position(0).arg(inKind).memory(in);
    args.position(1).arg(outKind).memory(out);
    args.position(0);
  }

  /** The reorder of an NCHW float32 shape from layout {@code fromTag} to {@code toTag}. */
  static DnnlUnary reorder(long[] shape, int fromTag, int toTag) {
    return cached(
        "reorder " + Arrays.toString(shape) + " " + fromTag + " " + toTag,
        () -> {
          dnnl_memory_desc_t from = Dnnl.desc(shape, fromTag);
          dnnl_memory_desc_t to = Dnnl.desc(shape, toTag);
          return new DnnlUnary(Dnnl.reorder(from, to), from, to, DNNL_ARG_FROM, DNNL_ARG_TO);
        });
  }

  /**
   * Inference max pooling of an {@code nChw16c} map ({@code kernel, stride, padding} as {@code {h,
   * w}}, padding ignored by the max, PyTorch's floor rounding).
   */
  static DnnlUnary maxPool(long[] in, long[] outShape, int[] kernel, int[] stride, int[] padding) {
    String key =
        "maxpool "
            + Arrays.toString(in)
            + Arrays.toString(kernel)
            + Arrays.toString(stride)
            + Arrays.toString(padding);
    return cached(
        key,
        () -> {
          dnnl_memory_desc_t src = Dnnl.desc(in, dnnl_nChw16c);
          dnnl_memory_desc_t dst = Dnnl.desc(outShape, dnnl_nChw16c);
          long[] pads = {padding[0], padding[1]};
          dnnl_pooling_v2_desc_t pool = new dnnl_pooling_v2_desc_t();
          Dnnl.check(
              dnnl_pooling_v2_forward_desc_init(
                  pool,
                  dnnl_forward_inference,
                  dnnl_pooling_max,
                  src,
                  dst,
                  new long[] {stride[0], stride[1]},
                  new long[] {kernel[0], kernel[1]},
                  new long[] {0, 0},
                  pads,
                  pads),
              "max pooling descriptor");
          dnnl_primitive_desc pd = new dnnl_primitive_desc();
          Dnnl.check(
              dnnl_primitive_desc_create(
                  pd, new const_dnnl_op_desc_t(pool), null, Dnnl.engine(), null),
              "max pooling");
          dnnl_primitive p = Dnnl.primitive(pd, "max pooling");
          Dnnl.check(dnnl_primitive_desc_destroy(pd), "destroy");
          return new DnnlUnary(p, src, dst, DNNL_ARG_SRC, DNNL_ARG_DST);
        });
  }

  private static DnnlUnary cached(String key, java.util.function.Supplier<DnnlUnary> make) {
    return CACHE.get(key, k -> make.get());
  }

  /** Runs from {@code from}'s memory into {@code to}'s (both dense float32 buffers). */
  synchronized void run(INDArray from, INDArray to) {
    if (closed) {
      throw new IllegalStateException("internal: a dropped oneDNN primitive was used");
    }
    Dnnl.bind(in, Dnnl.address(from));
    Dnnl.bind(out, Dnnl.address(to));
    Dnnl.check(dnnl_primitive_execute(primitive, Dnnl.stream(), 2, args), "primitive " + inKind);
    Dnnl.check(dnnl_stream_wait(Dnnl.stream()), "stream wait");
  }

  @Override
  public synchronized void close() {
    closed = true;
    dnnl_primitive_destroy(primitive);
    dnnl_memory_destroy(in);
    dnnl_memory_destroy(out);
    args.close();
  }
}
