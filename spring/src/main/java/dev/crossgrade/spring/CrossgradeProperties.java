package dev.crossgrade.spring;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code crossgrade.*} settings of the starter.
 *
 * @param enabled whether the starter sets anything up; default true ({@code crossgrade.enabled})
 * @param rolloutFile the rollout YAML, watched for changes ({@code crossgrade.rollout-file});
 *     required unless the application defines its own {@code Rollout} bean
 * @param runtime which runtime of the rollout file this build is ({@code crossgrade.runtime});
 *     default {@code spring.application.name}
 * @param pollInterval how often the file is checked, and how long new content must stand still
 *     before it is applied ({@code crossgrade.poll-interval}); default 2 s
 */
@ConfigurationProperties("crossgrade")
public record CrossgradeProperties(
    @Nullable Boolean enabled,
    @Nullable String rolloutFile,
    @Nullable String runtime,
    @Nullable Duration pollInterval) {}
