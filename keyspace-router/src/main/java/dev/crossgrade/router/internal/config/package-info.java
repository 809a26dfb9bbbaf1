/**
 * Reading rollout configs: bounded file reads ({@code ConfigFile}), the YAML tree with lines and
 * columns ({@code YamlTree}), validation with every error located ({@code ConfigReader}), the
 * registry manifest, the writer-format check, and the reload gate. Internal: not exported by the
 * module, no compatibility promise; the API is {@link dev.crossgrade.router.RolloutConfig} and
 * {@link dev.crossgrade.router.Rollout}.
 */
@NullMarked
package dev.crossgrade.router.internal.config;

import org.jspecify.annotations.NullMarked;
