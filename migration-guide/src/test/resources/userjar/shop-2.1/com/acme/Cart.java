package com.acme;

import java.util.ArrayList;

/** Version 2 of the cart: a class that Kryo writes, with the fields of version 1. */
public class Cart {
  public String id;
  public ArrayList<String> items = new ArrayList<>();
  public long totalCents;

  public Cart() {}

  static Cart from(CartV1 v1) {
    Cart cart = new Cart();
    cart.id = v1.id();
    cart.items = v1.items() == null ? null : new ArrayList<>(v1.items());
    cart.totalCents = v1.totalCents();
    return cart;
  }

  CartV1 toV1() {
    return new CartV1(id, items, totalCents);
  }
}
