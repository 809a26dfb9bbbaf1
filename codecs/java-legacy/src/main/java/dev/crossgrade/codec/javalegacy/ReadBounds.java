package dev.crossgrade.codec.javalegacy;

import dev.crossgrade.codec.Limits;
import java.util.Locale;

/**
 * The bounds one read enforces: the smaller of each builder setting and the matching {@link Limits}
 * value, with the name of the setting that gave it, for messages.
 */
record ReadBounds(
    long maxBytes,
    String maxBytesKnob,
    int maxDepth,
    String maxDepthKnob,
    long maxReferences,
    int maxArrayLength,
    String maxArrayLengthKnob,
    long maxExpandedSize,
    int maxStringLength) {

  static final String BUILDER = "JavaSerializationReader.Builder.";

  static ReadBounds of(
      Limits limits,
      long builderMaxBytes,
      int builderMaxDepth,
      long builderMaxReferences,
      int builderMaxArrayLength,
      long builderMaxExpandedSize) {
    boolean bytesFromBuilder = builderMaxBytes < limits.maxPayloadSize();
    boolean depthFromBuilder = builderMaxDepth < limits.maxDepth();
    boolean arrayFromBuilder = builderMaxArrayLength < limits.maxCollectionSize();
    return new ReadBounds(
        bytesFromBuilder ? builderMaxBytes : limits.maxPayloadSize(),
        bytesFromBuilder ? BUILDER + "maxBytes" : "Limits.maxPayloadSize",
        depthFromBuilder ? builderMaxDepth : limits.maxDepth(),
        depthFromBuilder ? BUILDER + "maxDepth" : "Limits.maxDepth",
        builderMaxReferences,
        arrayFromBuilder ? builderMaxArrayLength : limits.maxCollectionSize(),
        arrayFromBuilder ? BUILDER + "maxArrayLength" : "Limits.maxCollectionSize",
        builderMaxExpandedSize,
        limits.maxStringLength());
  }

  String depthExceeded(long depth, long offset) {
    return "value is nested %s deep at byte %s, over the limit of %s (%s)"
        .formatted(depth, offset, maxDepth, maxDepthKnob);
  }

  String referencesExceeded(long references, long offset) {
    return "stream holds %s object references by byte %s, over the limit of %s (%smaxReferences)"
        .formatted(references, offset, maxReferences, BUILDER);
  }

  String bytesExceeded(long bytes) {
    return "serialized value is %s bytes, over the limit of %s bytes = %s (%s)"
        .formatted(bytes, maxBytes, formatBytes(maxBytes), maxBytesKnob);
  }

  String arrayExceeded(String what, long length, long offset) {
    return "%s of %s elements at byte %s is over the limit of %s (%s)"
        .formatted(what, length, offset, maxArrayLength, maxArrayLengthKnob);
  }

  String expandedExceeded(long offset) {
    return """
        value shares objects so that copying out every shared reference would give more than \
        %s objects by byte %s (hashCode and equals would walk them all: a SerialDOS-style \
        bomb); the limit is %smaxExpandedSize"""
        .formatted(maxExpandedSize, offset, BUILDER);
  }

  static String formatBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1L << 20) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
  }
}
