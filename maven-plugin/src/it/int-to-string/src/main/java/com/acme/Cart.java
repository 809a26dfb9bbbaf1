package com.acme;

import java.util.List;

/** A shopping cart, as the shop caches it. */
public record Cart(String id, String quantity, List<String> items) {}
