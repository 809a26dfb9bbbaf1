package dev.crossgrade.benchmarks;

import dev.crossgrade.transport.spymemcached.SpymemcachedTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.exception.MemcachedException;
import net.rubyeye.xmemcached.transcoders.CachedData;
import net.rubyeye.xmemcached.transcoders.Transcoder;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.FailureMode;
import org.jspecify.annotations.Nullable;

/**
 * The raw client a user would call instead of the cache, with the connection settings our adapter
 * uses: bytes in, bytes out, nothing else.
 */
interface RawMemcached extends AutoCloseable {
  /** The stored bytes, or null. */
  byte @Nullable [] get(String key);

  /** The client's own asynchronous get, waited for; its sync get where it has none. */
  byte @Nullable [] getAsync(String key);

  /** Stores and waits for the reply. */
  boolean set(String key, int ttlSeconds, byte[] value);

  @Override
  void close();

  /** The raw client called {@code client} ({@code spymemcached} or {@code xmemcached}). */
  static RawMemcached connect(String client, InetSocketAddress server, int max) {
    return client.equals(SpymemcachedTransport.CLIENT) ? new Spy(server, max) : new Xmem(server);
  }

  /** spymemcached: text protocol, ketama, cancel on failure, 1 s timeout, daemon threads. */
  final class Spy implements RawMemcached {
    private final net.spy.memcached.MemcachedClient client;
    private final RawBytesTranscoder transcoder;

    Spy(InetSocketAddress server, int max) {
      transcoder = new RawBytesTranscoder(max);
      try {
        client =
            new net.spy.memcached.MemcachedClient(
                new ConnectionFactoryBuilder()
                    .setProtocol(ConnectionFactoryBuilder.Protocol.TEXT)
                    .setLocatorType(ConnectionFactoryBuilder.Locator.CONSISTENT)
                    .setHashAlg(DefaultHashAlgorithm.KETAMA_HASH)
                    .setFailureMode(FailureMode.Cancel)
                    .setOpTimeout(1000)
                    .setDaemon(true)
                    .build(),
                List.of(server));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public byte @Nullable [] get(String key) {
      return client.get(key, transcoder);
    }

    @Override
    public byte @Nullable [] getAsync(String key) {
      try {
        return client.asyncGet(key, transcoder).get(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public boolean set(String key, int ttlSeconds, byte[] value) {
      try {
        return client.set(key, ttlSeconds, value, transcoder).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }

    @Override
    public void close() {
      client.shutdown(1, TimeUnit.SECONDS);
    }
  }

  /** xmemcached: text protocol, 1 s timeout, failure mode and session healing as our adapter. */
  final class Xmem implements RawMemcached {
    private final MemcachedClient client;
    private final Transcoder<byte[]> transcoder = new XmemBytes();

    Xmem(InetSocketAddress server) {
      XMemcachedClientBuilder builder = new XMemcachedClientBuilder(List.of(server));
      builder.setFailureMode(true);
      builder.setOpTimeout(1000);
      builder.setEnableHealSession(true);
      builder.setTranscoder(transcoder);
      try {
        client = builder.build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public byte @Nullable [] get(String key) {
      try {
        return client.get(key, transcoder);
      } catch (TimeoutException | MemcachedException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public byte @Nullable [] getAsync(String key) {
      return get(key);
    }

    @Override
    public boolean set(String key, int ttlSeconds, byte[] value) {
      try {
        return client.set(key, ttlSeconds, value, transcoder);
      } catch (TimeoutException | MemcachedException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      try {
        client.shutdown();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Bytes as they are, flags 0. */
  final class XmemBytes implements Transcoder<byte[]> {
    @Override
    public CachedData encode(byte[] value) {
      return new CachedData(0, value, Integer.MAX_VALUE, -1);
    }

    @Override
    public byte[] decode(CachedData data) {
      return data.getData();
    }

    @Override
    public void setPrimitiveAsString(boolean primitiveAsString) {}

    @Override
    public void setPackZeros(boolean packZeros) {}

    @Override
    public void setCompressionThreshold(int threshold) {}

    @Override
    public boolean isPrimitiveAsString() {
      return false;
    }

    @Override
    public boolean isPackZeros() {
      return false;
    }

    @Override
    public void setCompressionMode(net.rubyeye.xmemcached.transcoders.CompressionMode mode) {}
  }
}
