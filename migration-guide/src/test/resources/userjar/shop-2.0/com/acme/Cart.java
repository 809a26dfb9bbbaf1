package com.acme;

import java.util.List;

public record Cart(String id, List<String> items, long totalCents) {}
