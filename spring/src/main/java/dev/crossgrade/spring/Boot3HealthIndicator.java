package dev.crossgrade.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** {@link RolloutHealth} as a Spring Boot 3 health indicator ({@code /actuator/health}). */
final class Boot3HealthIndicator implements HealthIndicator {
  private final RolloutHealth health;

  Boot3HealthIndicator(RolloutHealth health) {
    this.health = health;
  }

  @Override
  public Health health() {
    RolloutHealth.Verdict verdict = health.check();
    return (verdict.up() ? Health.up() : Health.down()).withDetails(verdict.details()).build();
  }
}
