package com.acme;

import java.util.List;

/** Version 1 of the cart, as the build in production writes it. */
public record CartV1(String id, List<String> items, long totalCents) {}
