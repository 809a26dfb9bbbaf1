package dev.crossgrade.benchmarks;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.serializers.CompatibleFieldSerializer;
import dev.crossgrade.benchmarks.MediaPojos.Image;
import dev.crossgrade.benchmarks.MediaPojos.Media;
import dev.crossgrade.benchmarks.MediaPojos.MediaContent;
import dev.crossgrade.benchmarks.MediaRecords.Player;
import dev.crossgrade.benchmarks.MediaRecords.Size;
import dev.crossgrade.codec.kryo.Kryo5Codec;
import java.util.ArrayList;

/**
 * Kryo 5: raw is one Kryo configured as our codec configures it (required registration with the
 * same ids, {@code CompatibleFieldSerializer}, no references, generics optimization off), with a
 * reused {@link Output} and {@link Input}.
 */
final class KryoSubject extends Subject<MediaContent> {
  private final Kryo kryo = new Kryo();
  private final Output output = new Output(4096, -1);
  private final Input input = new Input();

  KryoSubject(Shape shape) {
    super(
        "kryo5",
        MediaPojos.of(shape),
        Kryo5Codec.newBuilder(MediaContent.class)
            .register(MediaContent.class, 10)
            .register(Media.class, 11)
            .register(Image.class, 12)
            .register(ArrayList.class, 13)
            .register(Player.class, 14)
            .register(Size.class, 15)
            .build());
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.setOptimizedGenerics(false);
    kryo.setDefaultSerializer(CompatibleFieldSerializer.class);
    kryo.register(MediaContent.class, 10);
    kryo.register(Media.class, 11);
    kryo.register(Image.class, 12);
    kryo.register(ArrayList.class, 13);
    kryo.register(Player.class, 14);
    kryo.register(Size.class, 15);
  }

  @Override
  byte[] encodeRaw() {
    output.reset();
    kryo.writeClassAndObject(output, value);
    return output.toBytes();
  }

  @Override
  MediaContent decodeRaw(byte[] bytes) {
    input.setBuffer(bytes);
    return (MediaContent) kryo.readClassAndObject(input);
  }
}
