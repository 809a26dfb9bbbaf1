package dev.crossgrade.benchmarks;

import dev.crossgrade.benchmarks.thrift.MediaContent;
import dev.crossgrade.codec.thrift.ThriftCodec;
import dev.crossgrade.codec.thrift.ThriftProtocol;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TCompactProtocol;

/** Thrift, compact protocol: raw is a reused {@link TSerializer} and {@link TDeserializer}. */
final class ThriftSubject extends Subject<MediaContent> {
  private final TSerializer serializer;
  private final TDeserializer deserializer;

  ThriftSubject(Shape shape) {
    super(
        "thrift-compact",
        MediaThrift.of(shape),
        ThriftCodec.newBuilder(MediaContent.class, MediaContent::new)
            .protocol(ThriftProtocol.COMPACT)
            .build());
    try {
      serializer = new TSerializer(new TCompactProtocol.Factory());
      deserializer = new TDeserializer(new TCompactProtocol.Factory());
    } catch (TException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  byte[] encodeRaw() {
    try {
      return serializer.serialize(value);
    } catch (TException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  MediaContent decodeRaw(byte[] bytes) {
    MediaContent content = new MediaContent();
    try {
      deserializer.deserialize(content, bytes);
    } catch (TException e) {
      throw new IllegalStateException(e);
    }
    return content;
  }
}
