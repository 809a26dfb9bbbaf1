// MediaContent, the object the well-known JVM serializer comparisons (jvm-serializers) use, for the
// Thrift codec benchmarks. Generated Java is committed: run ../../../regenerate-thrift.sh after
// editing this file.

namespace java dev.crossgrade.benchmarks.thrift

enum Player {
  JAVA = 0,
  FLASH = 1
}

enum Size {
  SMALL = 0,
  LARGE = 1
}

struct Image {
  1: required string uri
  2: optional string title
  3: required i32 width
  4: required i32 height
  5: required Size size
}

struct Media {
  1: required string uri
  2: optional string title
  3: required i32 width
  4: required i32 height
  5: required string format
  6: required i64 duration
  7: required i64 size
  8: optional i32 bitrate
  9: required list<string> persons
  10: required Player player
  11: optional string copyright
}

struct MediaContent {
  1: required Media media
  2: required list<Image> images
}
