/** Apache Thrift compact and binary codecs. */
module dev.crossgrade.codec.thrift {
  requires transitive dev.crossgrade.codec;
  requires transitive org.apache.thrift;
  requires static org.jspecify;

  exports dev.crossgrade.codec.thrift;
}
