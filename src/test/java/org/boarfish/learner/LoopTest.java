package org.boarfish.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.boarfish.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events of the loop, in fastai's order, and the cancellation semantics. */
class LoopTest {
  @TempDir Path dir;

  private static List<String> trainBatch() {
    return List.of(
        "before_batch",
        "after_pred",
        "after_loss",
        "before_backward",
        "after_backward",
        "before_step",
        "after_step",
        "after_batch");
  }

  private static List<String> validBatch() {
    return List.of("before_batch", "after_pred", "after_loss", "after_batch");
  }

  @Test
  void eventsOfTwoEpochsOfThreeBatchesComeInFastaisOrder() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    EventRecorder rec = new EventRecorder();
    learn.fit(2, 1e-3, rec);
    List<String> expected = new ArrayList<>(List.of("before_fit"));
    for (int e = 0; e < 2; e++) {
      expected.addAll(List.of("before_epoch", "before_train"));
      for (int b = 0; b < 3; b++) {
        expected.addAll(trainBatch());
      }
      expected.addAll(List.of("after_train", "before_validate"));
      expected.addAll(validBatch());
      expected.addAll(List.of("after_validate", "after_epoch"));
    }
    expected.add("after_fit");
    assertEquals(expected, rec.events);
    assertFalse(learn.callbacks().contains(rec), "a callback given to fit is removed afterwards");
  }

  private List<String> eventsWith(Event at, RuntimeException ex, int nEpoch) {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    EventRecorder rec = new EventRecorder();
    boolean[] thrown = {false};
    Callback thrower =
        Callback.on(
            at,
            100,
            l -> {
              if (!thrown[0] && l.isTraining() || at == Event.BEFORE_VALIDATE && !thrown[0]) {
                thrown[0] = true;
                throw ex;
              }
            });
    learn.fit(nEpoch, 1e-3, rec, thrower);
    return rec.events;
  }

  @Test
  void cancelBatchSkipsTheRestOfTheBatch() {
    List<String> ev = eventsWith(Event.AFTER_LOSS, new CancelBatchException(), 1);
    assertEquals(
        List.of(
            "before_batch",
            "after_pred",
            "after_loss",
            "after_cancel_batch",
            "after_batch",
            "before_batch"),
        ev.subList(3, 9));
  }

  @Test
  void cancelBackwardSkipsBackwardButNotTheStep() {
    List<String> ev = eventsWith(Event.BEFORE_BACKWARD, new CancelBackwardException(), 1);
    assertEquals(
        List.of(
            "before_backward",
            "after_cancel_backward",
            "after_backward",
            "before_step",
            "after_step",
            "after_batch"),
        ev.subList(6, 12));
  }

  @Test
  void cancelStepSkipsTheStep() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    Tensor w = learn.model().parameters().get(0);
    float[][] before = new float[1][];
    EventRecorder rec = new EventRecorder();
    learn.fit(
        1,
        1e-2,
        rec,
        Callback.on(
            Event.BEFORE_STEP,
            100,
            l -> {
              before[0] = w.toFloatArray();
              throw new CancelStepException();
            }),
        Callback.on(
            Event.AFTER_STEP,
            100,
            l -> assertTrue(java.util.Arrays.equals(before[0], w.toFloatArray()))));
    assertEquals(
        List.of("before_step", "after_cancel_step", "after_step", "after_batch"),
        rec.events.subList(8, 12));
  }

  @Test
  void cancelTrainEndsTrainingButValidationRuns() {
    List<String> ev = eventsWith(Event.AFTER_BATCH, new CancelTrainException(), 1);
    int i = ev.indexOf("after_cancel_train");
    assertEquals(
        List.of("after_batch", "after_cancel_train", "after_train", "before_validate"),
        ev.subList(i - 1, i + 3));
    assertEquals(1, Collections.frequency(ev, "before_step"));
    assertTrue(ev.contains("after_validate"));
  }

  @Test
  void cancelValidateEndsValidation() {
    List<String> ev = eventsWith(Event.BEFORE_VALIDATE, new CancelValidateException(), 1);
    int i = ev.indexOf("before_validate");
    assertEquals(
        List.of(
            "before_validate",
            "after_cancel_validate",
            "after_validate",
            "after_epoch",
            "after_fit"),
        ev.subList(i, ev.size()));
  }

  @Test
  void cancelEpochMovesToTheNextEpoch() {
    List<String> ev = eventsWith(Event.BEFORE_TRAIN, new CancelEpochException(), 2);
    assertEquals(
        List.of(
            "before_fit",
            "before_epoch",
            "before_train",
            "after_cancel_epoch",
            "after_epoch",
            "before_epoch"),
        ev.subList(0, 6));
    assertEquals(2, Collections.frequency(ev, "after_epoch"));
  }

  @Test
  void cancelFitEndsTheFitWithAfterFit() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    EventRecorder rec = new EventRecorder();
    learn.fit(
        3,
        1e-3,
        rec,
        Callback.on(
            Event.AFTER_EPOCH,
            100,
            l -> {
              throw new CancelFitException("enough");
            }));
    assertEquals(1, Collections.frequency(rec.events, "before_epoch"));
    assertEquals(
        List.of("after_epoch", "after_cancel_fit", "after_fit"),
        rec.events.subList(rec.events.size() - 3, rec.events.size()));
    assertEquals("enough", learn.cancelReason());
  }

  @Test
  void otherExceptionsPropagateAndCancelExceptionsHaveNoStackTrace() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    Callback boom =
        Callback.on(
            Event.AFTER_PRED,
            l -> {
              throw new IllegalStateException("boom");
            });
    assertEquals(
        "boom",
        assertThrows(IllegalStateException.class, () -> learn.fit(1, 1e-3, boom)).getMessage());
    assertFalse(learn.isFitting());
    assertEquals(0, new CancelFitException("x").getStackTrace().length);
  }

  @Test
  void callbacksRunByOrderThenInsertionAndRespectRunValid() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    List<String> seen = new ArrayList<>();
    Consumer<String> log = seen::add;
    Callback a = Callback.on(Event.BEFORE_FIT, 5, l -> log.accept("a5"));
    Callback b = Callback.on(Event.BEFORE_FIT, -1, l -> log.accept("b-1"));
    Callback c = Callback.on(Event.BEFORE_FIT, 5, l -> log.accept("c5"));
    int[] validBatches = {0};
    Callback trainOnly =
        new Callback() {
          @Override
          public boolean runValid() {
            return false;
          }

          @Override
          public void afterBatch(Learner l) {
            if (!l.isTraining()) {
              validBatches[0]++;
            }
          }
        };
    learn.fit(1, 1e-3, a, b, c, trainOnly);
    assertEquals(List.of("b-1", "a5", "c5"), seen);
    assertEquals(0, validBatches[0]);
    List<Callback> cbs = learn.callbacks();
    assertTrue(cbs.get(0) instanceof TrainEval && cbs.get(1) instanceof Recorder, cbs.toString());
  }

  @Test
  void showTrainingLoopListsTheCallbacksOfEachEvent() {
    Tiny.Sink sink = new Tiny.Sink();
    Learner learn = Tiny.learner(dir, sink);
    learn.showTrainingLoop();
    String s = sink.text();
    assertTrue(s.contains("Start Fit"), s);
    assertTrue(s.contains("- beforeFit            : [TrainEval, Recorder, Progress]"), s);
    assertTrue(s.contains("- afterEpoch           : [Recorder, Progress]"), s);
    assertTrue(s.contains("End Fit"), s);
  }

  @Test
  void stateIsReadableAndXbReplaceable() {
    Learner learn = Tiny.learner(dir, new Tiny.Sink());
    List<Double> pct = new ArrayList<>();
    learn.fit(
        2,
        1e-3,
        Callback.on(
            Event.BEFORE_BATCH,
            l -> {
              if (l.isTraining()) {
                pct.add(l.pctTrain());
                l.setXb(List.of(l.x().mul(0)));
              }
            }),
        Callback.on(
            Event.AFTER_PRED, l -> assertEquals(3, l.nIter() == 3 || !l.isTraining() ? 3 : -1)));
    assertEquals(6, pct.size());
    assertEquals(0.5, pct.get(3), 1e-12);
    assertEquals(5 / 6.0, pct.get(5), 1e-12);
  }
}
