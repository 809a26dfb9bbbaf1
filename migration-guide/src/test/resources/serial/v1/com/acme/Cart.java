package com.acme;

import java.io.Serializable;

public class Cart implements Serializable {
  public String id = "";
  public long totalCents;
}
