package dev.crossgrade.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM lists every published module of the build, and nothing else: each module reachable from
 * the root pom's {@code <modules>} whose packaging is {@code jar} or {@code maven-plugin} and whose
 * deploy is not skipped (tests-only modules and the benchmarks skip it).
 */
class BomTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theBomListsEveryPublishedModule_andNothingElse() throws Exception {
    Set<String> published = new TreeSet<>();
    List<String> seen = new ArrayList<>();
    collect(ROOT, published, seen);
    assertThat(seen)
        .as("modules found from the root pom")
        .contains("crossgrade-keyspace-router", "crossgrade-transport-spymemcached");

    String version = child(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
    Set<String> listed = new TreeSet<>();
    NodeList managed = read(ROOT.resolve("bom/pom.xml")).getElementsByTagName("dependency");
    for (int i = 0; i < managed.getLength(); i++) {
      Element dependency = (Element) managed.item(i);
      assertThat(child(dependency, "groupId")).isEqualTo("dev.crossgrade");
      assertThat(child(dependency, "version")).isIn(version, "${project.version}");
      listed.add(child(dependency, "artifactId"));
    }

    assertThat(listed).isEqualTo(published);
  }

  private static void collect(Path dir, Set<String> published, List<String> seen) throws Exception {
    Document pom = read(dir.resolve("pom.xml"));
    Element project = pom.getDocumentElement();
    String artifactId = child(project, "artifactId");
    seen.add(artifactId);
    String packaging = child(project, "packaging");
    packaging = packaging == null ? "jar" : packaging;
    if ((packaging.equals("jar") || packaging.equals("maven-plugin")) && !skipsDeploy(project)) {
      published.add(artifactId);
    }
    Element modules = element(project, "modules");
    if (modules != null) {
      NodeList list = modules.getElementsByTagName("module");
      for (int i = 0; i < list.getLength(); i++) {
        collect(dir.resolve(list.item(i).getTextContent().trim()).normalize(), published, seen);
      }
    }
  }

  private static boolean skipsDeploy(Element project) {
    NodeList plugins = project.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if ("maven-deploy-plugin".equals(child(plugin, "artifactId"))) {
        Element configuration = element(plugin, "configuration");
        if (configuration != null && "true".equals(child(configuration, "skip"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static Document read(Path pom) throws Exception {
    if (!Files.isRegularFile(pom)) {
      throw new IOException("no pom at " + pom);
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  /** The direct child element called {@code name}, or null. */
  private static Element element(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static String child(Element parent, String name) {
    Element element = element(parent, name);
    return element == null ? null : element.getTextContent().trim();
  }
}
