package org.boarfish.examples.bench;

import java.util.function.DoubleSupplier;

/**
 * One benchmark workload of ../shared/bench/WORKLOADS.md: its protocol numbers and a step to time.
 */
record Workload(
    String name,
    boolean train,
    int batch,
    int warmup,
    int steps,
    String unit,
    int perSample,
    long params,
    DoubleSupplier step) {}
