package com.acme;

import java.io.Serializable;

public class Cart implements Serializable {
  private static final long serialVersionUID = 1L; // unchanged: the stream stays readable

  public String id = "";
  public long totalCents;
  public String note = ""; // added: null, not "", in a value written by v1

  public boolean isEmpty() {
    return totalCents == 0;
  }
}
