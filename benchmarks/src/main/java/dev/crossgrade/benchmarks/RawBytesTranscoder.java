package dev.crossgrade.benchmarks;

import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.Transcoder;

/**
 * A spymemcached transcoder that stores byte arrays as they are (flags 0), as a user of the raw
 * client who has already serialized the value writes it.
 */
final class RawBytesTranscoder implements Transcoder<byte[]> {
  private final int maxSize;

  RawBytesTranscoder(int maxSize) {
    this.maxSize = maxSize;
  }

  @Override
  public boolean asyncDecode(CachedData data) {
    return false;
  }

  @Override
  public CachedData encode(byte[] bytes) {
    return new CachedData(0, bytes, maxSize);
  }

  @Override
  public byte[] decode(CachedData data) {
    return data.getData();
  }

  @Override
  public int getMaxSize() {
    return maxSize;
  }
}
