package org.boarfish.learner;

import java.util.Objects;
import java.util.function.Consumer;

/** A callback acting at a single event, made by {@link Callback#on}. */
final class EventCallback implements Callback {
  private final Event event;
  private final Consumer<Learner> action;
  private final int order;

  EventCallback(Event event, Consumer<Learner> action, int order) {
    this.event = Objects.requireNonNull(event, "event");
    this.action = Objects.requireNonNull(action, "action");
    this.order = order;
  }

  Event event() {
    return event;
  }

  void run(Event e, Learner learn) {
    if (e == event) {
      action.accept(learn);
    }
  }

  @Override
  public int order() {
    return order;
  }

  @Override
  public String name() {
    return "on(" + event.methodName() + ")";
  }

  @Override
  public String toString() {
    return name();
  }
}
