package dev.crossgrade.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link RolloutHealth} as a Spring Boot 4 health indicator ({@code /actuator/health}): Boot 4
 * moved the health API to {@code org.springframework.boot.health}. Loaded only where that API
 * exists.
 */
final class Boot4HealthIndicator implements HealthIndicator {
  private final RolloutHealth health;

  Boot4HealthIndicator(RolloutHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    RolloutHealth.Verdict verdict = health.check();
    return (verdict.up() ? Health.up() : Health.down()).withDetails(verdict.details()).build();
  }
}
