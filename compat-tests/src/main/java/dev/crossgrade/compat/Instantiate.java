package dev.crossgrade.compat;

import com.esotericsoftware.kryo.kryo5.objenesis.strategy.StdInstantiatorStrategy;

/** Creates an instance of a class without calling a constructor (Objenesis, as Kryo does). */
final class Instantiate {
  private static final StdInstantiatorStrategy STRATEGY = new StdInstantiatorStrategy();

  private Instantiate() {}

  static Object without(Class<?> type) {
    return STRATEGY.newInstantiatorOf(type).newInstance();
  }
}
