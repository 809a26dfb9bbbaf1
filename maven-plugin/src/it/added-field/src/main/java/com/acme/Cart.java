package com.acme;

import java.util.List;

/** A shopping cart, as the shop caches it. */
public record Cart(String id, int quantity, List<String> items, List<String> coupons) {}
