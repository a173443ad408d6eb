package org.boarfish.tensor;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The oneDNN 2.7 library of JavaCPP's binding, called directly: its CPU engine, a stream per
 * thread, and the small helpers {@link DnnlConv32} builds its primitives with. oneDNN runs on the
 * OpenMP runtime libnd4j loaded, so {@link Threads} sets its thread count too.
 */
final class Dnnl {
  /**
   * Whether oneDNN loaded and may be used: the CPU backend, and not turned off by {@code
   * -Dboarfish.dnnl=false} (to compare against libnd4j's kernels); if not, callers stay on libnd4j.
   */
  static final boolean OK;

  private static final dnnl_engine ENGINE = new dnnl_engine();
  private static final ThreadLocal<dnnl_stream> STREAM =
      ThreadLocal.withInitial(
          () -> {
            dnnl_stream s = new dnnl_stream();
            check(dnnl_stream_create(s, ENGINE, dnnl_stream_default_flags), "stream");
            return s;
          });

  static {
    boolean ok = !"false".equals(System.getProperty("boarfish.dnnl"));
    if (ok) {
      try {
        Nd4j.getExecutioner(); // libnd4j's OpenMP runtime first: oneDNN then shares it
        ok = Nd4j.getEnvironment().isCPU(); // on the CUDA backend arrays live on the device
        if (ok) {
          check(dnnl_engine_create(ENGINE, dnnl_cpu, 0), "engine");
        }
      } catch (RuntimeException | LinkageError e) {
        ok = false;
      }
    }
    OK = ok;
  }

  private Dnnl() {}

  /** Throws if a oneDNN call did not succeed, naming it. */
  static void check(int status, String what) {
    if (status != dnnl_success) {
      throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
    }
  }

  /** A float32 memory descriptor of {@code dims} in the layout {@code tag}. */
  static dnnl_memory_desc_t desc(long[] dims, int tag) {
    dnnl_memory_desc_t d = new dnnl_memory_desc_t();
    check(dnnl_memory_desc_init_by_tag(d, dims.length, dims, dnnl_f32, tag), "memory descriptor");
    return d;
  }

  /** A memory object of {@code desc} with no data yet (set per call). */
  static dnnl_memory memory(dnnl_memory_desc_t desc) {
    dnnl_memory m = new dnnl_memory();
    check(dnnl_memory_create(m, desc, ENGINE, null), "memory");
    return m;
  }

  /** Points {@code m} at {@code p}. */
  static void bind(dnnl_memory m, Pointer p) {
    check(dnnl_memory_set_data_handle(m, p), "set data handle");
  }

  /** A view of a dense array's first element (ND4J keeps the memory). */
  static Pointer address(INDArray a) {
    return new FloatPointer(a.data().addressPointer()).position(a.offset());
  }

  /** A primitive of {@code pd}. */
  static dnnl_primitive primitive(dnnl_primitive_desc pd, String what) {
    dnnl_primitive p = new dnnl_primitive();
    check(dnnl_primitive_create(p, pd), what);
    return p;
  }

  /** A reorder from {@code from} to {@code to}. */
  static dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
    dnnl_primitive_desc pd = new dnnl_primitive_desc();
    check(dnnl_reorder_primitive_desc_create(pd, from, ENGINE, to, ENGINE, null), "reorder");
    dnnl_primitive p = primitive(pd, "reorder");
    check(dnnl_primitive_desc_destroy(pd), "destroy");
    return p;
  }

  /** The engine every primitive runs on. */
  static dnnl_engine engine() {
    return ENGINE;
  }

  /** This thread's stream. */
  static dnnl_stream stream() {
    return STREAM.get();
  }
}
