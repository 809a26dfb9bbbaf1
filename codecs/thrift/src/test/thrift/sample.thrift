// Sample types for the codec contract tests: every Thrift base type, containers, nested and
// recursive structs, binary and an enum. Generated Java is committed: run ../../../regenerate.sh
// after editing this file.

namespace java dev.crossgrade.codec.thrift.sample

/** A colour, to cover enum fields. */
enum Color {
  RED = 1,
  GREEN = 2,
  BLUE = 3
}

/** A point, to cover nested structs with required doubles. */
struct Point {
  1: required double x
  2: required double y
}

/** A tag, to cover a required field in a nested struct. */
struct Tag {
  1: required string key
  2: optional string value
}

/** A tree node: the recursive struct that hostile payloads nest deeply. */
struct Node {
  1: optional string label
  2: optional list<Node> children
}

/** One value of every kind the contract tests generate. */
struct Sample {
  1: required string text
  2: optional bool flag
  3: optional i8 tiny
  4: optional i16 shorty
  5: optional i32 small
  6: optional i64 big
  7: optional double ratio
  8: optional binary blob
  9: optional list<string> names
  10: optional set<i64> ids
  11: optional map<string, i32> counts
  12: optional list<Point> points
  13: optional map<i32, list<double>> series
  14: optional Color color
  15: optional Node tree
  16: optional map<string, binary> attachments
  17: optional list<Tag> tags
}
