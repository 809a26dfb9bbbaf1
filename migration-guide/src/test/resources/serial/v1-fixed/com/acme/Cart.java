package com.acme;

import java.io.Serializable;

public class Cart implements Serializable {
  private static final long serialVersionUID = 1L;

  public String id = "";
  public long totalCents;
}
