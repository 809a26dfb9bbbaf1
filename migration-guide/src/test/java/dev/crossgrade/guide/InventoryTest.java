package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.guide.Carts.CartV1;
import dev.crossgrade.guide.Carts.CartV2;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inventory example names every format in a mixed sample, legacy and damaged values too. */
class InventoryTest {
  @Test
  void theInventoryCountsEachFormatOfAMixedSample() throws IOException {
    CodecRegistry<CartV1> old = Carts.oldRegistry();
    CodecRegistry<CartV2> tagged =
        CodecRegistry.newBuilder(CartV2.class)
            .currentSchemaVersion(2)
            .writer(Carts.kryo5Carts())
            .writerTag("shop-v2")
            .build();
    List<byte[]> sample = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sample.add(old.encode(new CartV1("c" + i, List.of("apple"), 250 + i)));
    }
    for (int i = 0; i < 2; i++) {
      sample.add(tagged.encode(new CartV2("d" + i, List.of(), new BigDecimal("1.50"))));
    }
    ByteArrayOutputStream javaSerialized = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(javaSerialized)) {
      out.writeObject("a value cached before Crossgrade");
    }
    sample.add(javaSerialized.toByteArray());
    byte[] whole = old.encode(new CartV1("e", List.of("pear", "plum"), 999));
    sample.add(Arrays.copyOf(whole, 6));

    Map<String, Integer> formats = Inventory.inventory(sample);

    assertThat(formats)
        .containsExactly(
            Map.entry("kryo4@v1", 3),
            Map.entry("kryo5@v2 by shop-v2", 2),
            Map.entry("legacy (no envelope)", 1),
            Map.entry("unreadable (corrupt)", 1));
  }
}
