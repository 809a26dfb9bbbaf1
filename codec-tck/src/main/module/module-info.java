/** The codec compatibility kit: the property suite every codec passes. */
module dev.crossgrade.codec.tck {
  requires transitive dev.crossgrade.codec;
  requires transitive net.jqwik.api;
  requires org.assertj.core;
  requires jdk.management;
  requires static org.jspecify;

  exports dev.crossgrade.codec.tck;
}
