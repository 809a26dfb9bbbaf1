/**
 * The Spring Boot starter: {@code @Cacheable} over {@link dev.crossgrade.router.VersionedCache}.
 * Open, so that Spring may reflect on its configuration classes; only the API package is exported.
 */
open module dev.crossgrade.spring {
  requires transitive dev.crossgrade.router;
  requires transitive spring.context;
  requires spring.aop;
  requires spring.beans;
  requires spring.core;
  requires spring.boot;
  requires spring.boot.autoconfigure;
  requires static spring.boot.actuator;
  requires static spring.boot.health;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.crossgrade.spring;
}
