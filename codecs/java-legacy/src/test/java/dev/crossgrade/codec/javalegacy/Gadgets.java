package dev.crossgrade.codec.javalegacy;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Serializable classes that do something observable when deserialized, standing in for gadget
 * classes. None is on a reader's allow-list unless a test says so.
 */
final class Gadgets {
  /** Set by {@link ReadObjectGadget#readObject}. */
  static final AtomicBoolean READ_OBJECT_RAN = new AtomicBoolean();

  /** Set by {@link ComparingGadget#compare}. */
  static final AtomicBoolean COMPARE_RAN = new AtomicBoolean();

  /** Set by {@link ToStringGadget#toString}. */
  static final AtomicBoolean TO_STRING_RAN = new AtomicBoolean();

  /** Set by the static initializer of {@link StaticInitGadget}, which no test may name. */
  static final AtomicBoolean STATIC_INIT_RAN = new AtomicBoolean();

  private Gadgets() {}

  /** A class whose {@code readObject} has a side effect. */
  static final class ReadObjectGadget implements Serializable {
    private static final long serialVersionUID = 7L;
    final String command;

    ReadObjectGadget(String command) {
      this.command = command;
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      READ_OBJECT_RAN.set(true);
    }
  }

  /** A comparator with a side effect, as in PriorityQueue-rooted gadget chains. */
  static final class ComparingGadget implements Comparator<Object>, Serializable {
    private static final long serialVersionUID = 3L;

    @Override
    public int compare(Object a, Object b) {
      COMPARE_RAN.set(true);
      return 0;
    }
  }

  /** A value whose {@code toString} has a side effect, as BadAttributeValueExpException calls. */
  static final class ToStringGadget implements Serializable {
    private static final long serialVersionUID = 5L;

    @Override
    public String toString() {
      TO_STRING_RAN.set(true);
      return "gadget";
    }
  }

  /**
   * Serialized in place of {@code javax.management.BadAttributeValueExpException}, whose {@code
   * readObject} calls {@code toString} on its {@code val} field (the root of ysoserial's
   * CommonsCollections5); the stream is then renamed to the real class.
   */
  static final class BadAttributeValueExpTemplate extends Exception {
    private static final long serialVersionUID = -3105272988410493376L;

    @SuppressWarnings("serial") // a test template: the field holds a Serializable gadget
    final Object val;

    BadAttributeValueExpTemplate(Object val) {
      super(null, null, false, false);
      this.val = val;
    }
  }

  /** An allowed class whose {@code readResolve} swaps itself for a class that is not allowed. */
  static final class ResolvesToGadget implements Serializable {
    private static final long serialVersionUID = 13L;

    @Serial
    private Object readResolve() {
      return new ToStringGadget();
    }
  }

  /** Serialized in place of {@link StaticInitGadget}, then renamed, so that is never touched. */
  static final class StaticInitTemplate implements Serializable {
    private static final long serialVersionUID = 11L;
    final String payload = "x";
  }
}
