package com.acme;

import java.io.Serializable;

public class Cart implements Serializable {
  public String id = "";
  public long totalCents;

  public boolean isEmpty() { // a method added; no field changed
    return totalCents == 0;
  }
}
