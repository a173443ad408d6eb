package org.boarfish.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The worker threads of one {@link DataLoader}: a fixed pool, started on first use, kept across
 * epochs (idle threads end after a minute) and stopped by {@link #close()}. Each epoch is an {@link
 * Epoch} iterator that keeps at most {@code depth} batches in flight and hands them out in batch
 * order, whatever thread finished first.
 */
final class LoaderWorkers {
  /** Prefix of the names of every loader worker thread. */
  static final String THREAD_PREFIX = "boarfish-loader-";

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final String name;
  private final int threads;
  private ThreadPoolExecutor pool;
  private final List<Thread> started = new ArrayList<>();
  private boolean closed;
  private Epoch current;

  LoaderWorkers(String name, int threads) {
    this.name = name;
    this.threads = threads;
  }

  /** An iterator over batches 0..n-1 built by the workers, {@code depth} ahead. */
  synchronized Iterator<Tuple> epoch(int n, int depth, IntFunction<Tuple> build) {
    if (closed) {
      throw new IllegalStateException(
          "this DataLoader is closed; build a new one (e.g. dl.toBuilder().build())");
    }
    if (pool == null) {
      pool = newPool();
    }
    if (current != null) {
      current.abandon();
    }
    current = new Epoch(n, depth, build, pool);
    return current;
  }

  private ThreadPoolExecutor newPool() {
    int id = POOLS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t =
              new Thread(
                  () -> {
                    try {
                      r.run();
                    } finally {
                      // a worker's scopes live in per-thread ND4J workspaces; give their memory
                      // back when the thread ends
                      Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
                    }
                  },
                  THREAD_PREFIX + name + "-" + id + "-" + count.incrementAndGet());
          t.setDaemon(true);
          synchronized (started) {
            started.removeIf(old -> !old.isAlive());
            started.add(t);
          }
          return t;
        };
    ThreadPoolExecutor p =
        new ThreadPoolExecutor(
            threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  /** Stops the workers and waits (up to 10 s) for their threads to end. */
  void close() {
    ThreadPoolExecutor p;
    synchronized (this) {
      closed = true;
      if (current != null) {
        current.abandon();
      }
      p = pool;
    }
    if (p != null) {
      p.shutdownNow();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        p.awaitTermination(10, TimeUnit.SECONDS);
        List<Thread> ts;
        synchronized (started) {
          ts = new ArrayList<>(started);
        }
        for (Thread t : ts) {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /** One pass over the batches. */
  static final class Epoch implements Iterator<Tuple> {
    private final ArrayDeque<Future<Tuple>> inFlight = new ArrayDeque<>();
    private final int n;
    private final int depth;
    private final IntFunction<Tuple> build;
    private final ThreadPoolExecutor pool;
    private int submitted;
    private int delivered;
    private volatile boolean abandoned;

    Epoch(int n, int depth, IntFunction<Tuple> build, ThreadPoolExecutor pool) {
      this.n = n;
      this.depth = Math.max(1, depth);
      this.build = build;
      this.pool = pool;
    }

    @Override
    public boolean hasNext() {
      return delivered < n && !abandoned;
    }

    @Override
    public Tuple next() {
      if (abandoned) {
        throw new IllegalStateException(
            "this epoch's iteration was replaced by a newer one (or the loader closed); "
                + "iterate the loader again to start a new epoch");
      }
      if (delivered >= n) {
        throw new NoSuchElementException("the epoch has " + n + " batches");
      }
      fill();
      Future<Tuple> f;
      synchronized (inFlight) {
        f = inFlight.poll();
      }
      delivered++;
      try {
        Tuple t = f.get();
        fill();
        return t;
      } catch (ExecutionException e) {
        abandon();
        throw rethrow(e.getCause());
      } catch (CancellationException e) {
        throw new IllegalStateException("the DataLoader was closed while iterating", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abandon();
        throw new DataException(
            "interrupted while waiting for a batch from the loader workers", e, -1);
      }
    }

    private void fill() {
      synchronized (inFlight) {
        while (!abandoned && submitted < n && inFlight.size() < depth) {
          int b = submitted++;
          try {
            inFlight.add(pool.submit(() -> build.apply(b)));
          } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the DataLoader is closed; build a new one", e);
          }
        }
      }
    }

    void abandon() {
      abandoned = true;
      synchronized (inFlight) {
        for (Future<Tuple> f : inFlight) {
          f.cancel(false);
        }
        inFlight.clear();
      }
    }

    private static RuntimeException rethrow(Throwable cause) {
      String thread = " (in a loader worker thread)";
      if (cause instanceof DataException de) {
        DataException out =
            new DataException(
                de.getMessage() + thread,
                de.getCause() == null ? de : de.getCause(),
                de.itemIndex().orElse(-1));
        out.addSuppressed(de);
        return out;
      }
      return new DataException("a loader worker failed" + thread + ": " + cause, cause, -1);
    }
  }
}
