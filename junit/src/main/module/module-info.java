/** The JUnit 5 extension that runs a suite on two runtimes and keeps its inclusion list. */
module dev.crossgrade.junit {
  requires transitive dev.crossgrade.codec;
  requires transitive org.junit.jupiter.api;
  requires transitive org.junit.platform.launcher;
  requires org.junit.platform.engine;
  requires org.opentest4j;
  requires java.xml;
  requires static org.jspecify;

  exports dev.crossgrade.junit;

  provides org.junit.jupiter.api.extension.Extension with
      dev.crossgrade.junit.RuntimeTestsExtension;
  provides org.junit.platform.launcher.LauncherSessionListener with
      dev.crossgrade.junit.RuntimeTestsSessionListener;
  provides org.junit.platform.launcher.TestExecutionListener with
      dev.crossgrade.junit.RuntimeTestsSummaryListener;
}
