package dev.crossgrade.codec.javalegacy;

import java.io.Serializable;

/**
 * A serializable record; on the allow-list in tests. Frozen: golden payloads hold instances.
 *
 * @param street the street
 * @param city the city
 * @param zip the postal code
 */
record SampleAddress(String street, String city, int zip) implements Serializable {
  private static final long serialVersionUID = 1L;
}
