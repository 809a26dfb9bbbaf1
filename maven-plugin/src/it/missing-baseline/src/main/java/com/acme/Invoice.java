package com.acme;

/** An invoice, as the billing service caches it. */
public record Invoice(String id, long totalCents) {}
