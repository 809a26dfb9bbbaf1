package dev.crossgrade.codec.thrift;

import dev.crossgrade.codec.thrift.sample.Color;
import dev.crossgrade.codec.thrift.sample.Node;
import dev.crossgrade.codec.thrift.sample.Point;
import dev.crossgrade.codec.thrift.sample.Sample;
import dev.crossgrade.codec.thrift.sample.Tag;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Tuple;

/** Arbitrary and golden values of the sample types, covering Thrift's traps. */
final class SampleValues {
  /** Doubles that commonly break codecs; compared bit for bit by {@link ThriftEquivalence}. */
  static final double[] TRICKY_DOUBLES = {
    Double.NaN,
    -0.0,
    0.0,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MIN_VALUE,
    -Double.MIN_VALUE,
    Double.MIN_NORMAL,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    1.9999999999999998E23,
    0.1
  };

  private SampleValues() {}

  /**
   * Text mixing ASCII, the rest of the BMP and supplementary code points, with no lone surrogate.
   */
  static Arbitrary<String> text(int maxCodePoints) {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            List.of(
                Tuple.of(4, Arbitraries.integers().between(0, 0x7f)),
                Tuple.of(
                    2,
                    Arbitraries.integers()
                        .between(0x80, 0xffff)
                        .filter(c -> !Character.isSurrogate((char) c.intValue()))),
                Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff))));
    return codePoint
        .list()
        .ofMaxSize(maxCodePoints)
        .map(
            cps -> {
              StringBuilder s = new StringBuilder();
              cps.forEach(s::appendCodePoint);
              return s.toString();
            });
  }

  static Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.of(Arrays.stream(TRICKY_DOUBLES).boxed().toList()),
        Arbitraries.longs().map(Double::longBitsToDouble));
  }

  static Arbitrary<byte[]> bytes(int maxSize) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
  }

  static Arbitrary<Point> points() {
    return Builders.withBuilder(Point::new)
        .use(doubles())
        .in(Point::setX)
        .use(doubles())
        .in(Point::setY)
        .build();
  }

  static Arbitrary<Tag> tags() {
    return Builders.withBuilder(Tag::new)
        .use(text(8))
        .in(Tag::setKey)
        .use(text(8))
        .withProbability(0.5)
        .in(Tag::setValue)
        .build();
  }

  static Arbitrary<Node> trees() {
    return Arbitraries.integers().between(0, 4).flatMap(SampleValues::trees);
  }

  private static Arbitrary<Node> trees(int depth) {
    Builders.BuilderCombinator<Node> node =
        Builders.withBuilder(Node::new).use(text(8)).withProbability(0.7).in(Node::setLabel);
    if (depth > 0) {
      node =
          node.use(trees(depth - 1).list().ofMaxSize(3)).withProbability(0.8).in(Node::setChildren);
    }
    return node.build();
  }

  /** Usually {@code usual}, one time in ten {@code large}: large values make tries slow. */
  private static <T> Arbitrary<T> rarely(Arbitrary<T> usual, Arbitrary<T> large) {
    return Arbitraries.frequencyOf(List.of(Tuple.of(9, usual), Tuple.of(1, large)));
  }

  static Arbitrary<Sample> samples() {
    return Builders.withBuilder(Sample::new)
        .use(text(40))
        .in(Sample::setText)
        .use(Arbitraries.of(true, false))
        .withProbability(0.5)
        .in(Sample::setFlag)
        .use(Arbitraries.bytes())
        .withProbability(0.5)
        .in(Sample::setTiny)
        .use(Arbitraries.shorts())
        .withProbability(0.5)
        .in(Sample::setShorty)
        .use(Arbitraries.integers())
        .withProbability(0.5)
        .in(Sample::setSmall)
        .use(Arbitraries.longs())
        .withProbability(0.6)
        .in(Sample::setBig)
        .use(doubles())
        .withProbability(0.6)
        .in(Sample::setRatio)
        .use(rarely(bytes(64), bytes(20_000)))
        .withProbability(0.5)
        .in((s, b) -> s.setBlob(b))
        .use(rarely(text(12).list().ofMaxSize(10), text(2).list().ofSize(5_000)))
        .withProbability(0.5)
        .in(Sample::setNames)
        .use(Arbitraries.longs().set().ofMaxSize(20))
        .withProbability(0.5)
        .in(Sample::setIds)
        .use(
            rarely(
                Arbitraries.maps(text(10), Arbitraries.integers()).ofMaxSize(10),
                Arbitraries.maps(text(6), Arbitraries.integers()).ofMinSize(1000).ofMaxSize(2000)))
        .withProbability(0.4)
        .in(Sample::setCounts)
        .use(points().list().ofMaxSize(8))
        .withProbability(0.5)
        .in(Sample::setPoints)
        .use(Arbitraries.maps(Arbitraries.integers(), doubles().list().ofMaxSize(6)).ofMaxSize(5))
        .withProbability(0.4)
        .in(Sample::setSeries)
        .use(Arbitraries.of(Color.class))
        .withProbability(0.5)
        .in(Sample::setColor)
        .use(trees())
        .withProbability(0.4)
        .in(Sample::setTree)
        .use(Arbitraries.maps(text(6), bytes(16).map(ByteBuffer::wrap)).ofMaxSize(4))
        .withProbability(0.3)
        .in(Sample::setAttachments)
        .use(tags().list().ofMaxSize(4))
        .withProbability(0.3)
        .in(Sample::setTags)
        .build();
  }

  /** The values of the committed golden payloads, by file name. */
  static Map<String, Sample> golden() {
    Map<String, Sample> golden = new LinkedHashMap<>();
    golden.put("minimal", new Sample().setText(""));
    golden.put("full", full());
    golden.put("empty-collections", emptyCollections());
    golden.put("tricky-doubles", trickyDoubles());
    golden.put("deep-tree", new Sample().setText("tree").setTree(chain(40)));
    golden.put(
        "tags",
        new Sample()
            .setText("tags")
            .setTags(List.of(new Tag("k"), new Tag("\ud83d\udd11").setValue("v"))));
    return golden;
  }

  private static Sample full() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("a", 1);
    counts.put("\u00e9t\u00e9", Integer.MIN_VALUE);
    counts.put("\ud83d\ude00", Integer.MAX_VALUE);
    Map<Integer, List<Double>> series = new LinkedHashMap<>();
    series.put(-1, List.of(-0.0, Double.NaN, 1.5));
    series.put(7, List.of());
    Map<String, ByteBuffer> attachments = new LinkedHashMap<>();
    attachments.put("empty", ByteBuffer.wrap(new byte[0]));
    attachments.put("bytes", ByteBuffer.wrap(new byte[] {0, -1, 127, -128}));
    return new Sample()
        .setText("Gr\u00fc\u00dfe, \u4e16\u754c \ud83c\udf0d \ud800\udc00 \u0130stanbul")
        .setFlag(true)
        .setTiny(Byte.MIN_VALUE)
        .setShorty(Short.MAX_VALUE)
        .setSmall(-1)
        .setBig(Long.MIN_VALUE)
        .setRatio(-0.0)
        .setBlob(new byte[] {1, 2, 3, 0, -128})
        .setNames(List.of("alpha", "", "\ud83d\udc4d"))
        .setIds(new LinkedHashSet<>(List.of(Long.MAX_VALUE, 0L, -42L)))
        .setCounts(counts)
        .setPoints(
            List.of(
                new Point(1.0, -2.5),
                new Point(Double.POSITIVE_INFINITY, Double.MIN_VALUE),
                new Point(Double.NaN, -0.0)))
        .setSeries(series)
        .setColor(Color.BLUE)
        .setTree(new Node().setLabel("root").setChildren(List.of(new Node(), new Node())))
        .setAttachments(attachments);
  }

  private static Sample emptyCollections() {
    return new Sample()
        .setText("empty")
        .setBlob(new byte[0])
        .setNames(List.of())
        .setIds(new LinkedHashSet<>())
        .setCounts(new LinkedHashMap<>())
        .setPoints(List.of())
        .setSeries(new LinkedHashMap<>())
        .setAttachments(new LinkedHashMap<>());
  }

  private static Sample trickyDoubles() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i + 1 < TRICKY_DOUBLES.length; i += 2) {
      points.add(new Point(TRICKY_DOUBLES[i], TRICKY_DOUBLES[i + 1]));
    }
    return new Sample()
        // A literal, not Double.toString of the values: JDK 19 changed how that prints
        // 1.9999999999999998E23 (as 2.0E23), and a golden value must not depend on the JDK.
        .setText(
            "NaN -0.0 0.0 Infinity -Infinity 4.9E-324 -4.9E-324 2.2250738585072014E-308"
                + " 1.7976931348623157E308 -1.7976931348623157E308 1.9999999999999998E23 0.1")
        .setRatio(Double.NaN)
        .setBig(Long.MAX_VALUE)
        .setPoints(points)
        .setBlob("\u00ff".getBytes(StandardCharsets.UTF_8));
  }

  /** A tree that is a chain of {@code depth} nodes. */
  static Node chain(int depth) {
    Node node = new Node().setLabel("leaf");
    for (int i = 1; i < depth; i++) {
      node = new Node().setLabel("n" + i).setChildren(List.of(node));
    }
    return node;
  }
}
