package dev.crossgrade.cli;

/** The formats a report can be printed in. */
enum OutputFormat {
  text,
  json,
  html
}
