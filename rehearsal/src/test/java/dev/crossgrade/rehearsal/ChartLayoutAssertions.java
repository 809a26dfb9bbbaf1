package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.tooling.Html;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a person needs to read a rehearsal chart at a glance, checked on the HTML page: a legend
 * entry, in the line's colour and dash, for every line; every line within the x axis; the x axis
 * titled in seconds with ticks that are seconds; and every label inside the chart, step labels not
 * over one another.
 */
final class ChartLayoutAssertions {
  private static final Pattern CHART =
      Pattern.compile("(<svg.*?</svg>)\\s*<p class=\"legend\">(.*?)</p>", Pattern.DOTALL);
  private static final Pattern KEY =
      Pattern.compile(
          "<span class=\"swatch\" style=\"border-top:3px (solid|dashed) (#[0-9a-f]{6})\"></span>"
              + "([^<]*)</span>");

  private ChartLayoutAssertions() {}

  /** Asserts the layout of every chart on {@code page}; returns how many charts there are. */
  static int assertReadable(String page, List<String> scenarioNames) throws Exception {
    Matcher chart = CHART.matcher(page);
    int charts = 0;
    while (chart.find()) {
      charts++;
      Document svg =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(chart.group(1).getBytes(StandardCharsets.UTF_8)));
      int width = Integer.parseInt(svg.getDocumentElement().getAttribute("width"));
      double[] axis = xAxis(svg);
      assertLegendHasEveryLine(svg, chart.group(2), scenarioNames);
      assertLinesWithin(svg, axis);
      assertTicksAreSeconds(svg, axis);
      assertLabelsFit(svg, width);
    }
    return charts;
  }

  /** The x range of the x axis: the dark horizontal line at the bottom of the plot. */
  private static double[] xAxis(Document svg) {
    NodeList lines = svg.getElementsByTagName("line");
    double[] axis = null;
    double lowest = -1;
    for (int i = 0; i < lines.getLength(); i++) {
      Element line = (Element) lines.item(i);
      double y1 = number(line, "y1");
      if (line.getAttribute("stroke").equals("#333") && y1 == number(line, "y2") && y1 > lowest) {
        double x1 = number(line, "x1");
        double x2 = number(line, "x2");
        if (x2 - x1 > 100) {
          lowest = y1;
          axis = new double[] {x1, x2};
        }
      }
    }
    assertThat(axis).as("x axis line").isNotNull();
    return axis;
  }

  private static void assertLegendHasEveryLine(
      Document svg, String legend, List<String> scenarioNames) {
    Map<String, String> keys = new TreeMap<>();
    Matcher key = KEY.matcher(legend);
    while (key.find()) {
      keys.put(key.group(2) + " " + key.group(1), Html.escape(key.group(3)));
    }
    NodeList polylines = svg.getElementsByTagName("polyline");
    assertThat(polylines.getLength()).isEqualTo(scenarioNames.size());
    for (int i = 0; i < polylines.getLength(); i++) {
      Element line = (Element) polylines.item(i);
      String style =
          line.getAttribute("stroke")
              + (line.hasAttribute("stroke-dasharray") ? " dashed" : " solid");
      assertThat(keys).as("legend key of line %d", i).containsKey(style);
      assertThat(keys.get(style)).isEqualTo(Html.escape(scenarioNames.get(i)));
    }
    assertThat(keys).hasSize(scenarioNames.size());
  }

  private static void assertLinesWithin(Document svg, double[] axis) {
    NodeList polylines = svg.getElementsByTagName("polyline");
    for (int i = 0; i < polylines.getLength(); i++) {
      String points = ((Element) polylines.item(i)).getAttribute("points");
      for (String point : points.trim().split("\\s+")) {
        double x = Double.parseDouble(point.substring(0, point.indexOf(',')));
        assertThat(x).as("x of a point of line %d", i).isBetween(axis[0], axis[1]);
      }
    }
  }

  private static void assertTicksAreSeconds(Document svg, double[] axis) {
    List<Element> ticks = texts(svg, "tick");
    List<Element> title = texts(svg, "axis");
    assertThat(title).hasSize(1);
    assertThat(title.get(0).getTextContent()).isEqualTo(TimelineChart.X_TITLE).contains("seconds");
    assertThat(ticks).hasSizeGreaterThanOrEqualTo(3);
    double lastValue = -1;
    double lastX = -1;
    for (Element tick : ticks) {
      double value = Double.parseDouble(tick.getTextContent());
      double x = number(tick, "x");
      assertThat(value).as("tick seconds").isGreaterThan(lastValue);
      assertThat(x).as("tick x").isGreaterThan(lastX).isBetween(axis[0], axis[1]);
      lastValue = value;
      lastX = x;
    }
    assertThat(Double.parseDouble(ticks.get(0).getTextContent())).isZero();
  }

  /** Every text inside the chart's width; step labels of a row do not overlap. */
  private static void assertLabelsFit(Document svg, int width) {
    NodeList texts = svg.getElementsByTagName("text");
    Map<Double, List<double[]>> stepRows = new TreeMap<>();
    for (int i = 0; i < texts.getLength(); i++) {
      Element text = (Element) texts.item(i);
      String content = text.getTextContent();
      double w = TimelineChart.textWidth(content, (int) number(text, "font-size"));
      double x = number(text, "x");
      double start =
          switch (text.getAttribute("text-anchor")) {
            case "end" -> x - w;
            case "middle" -> x - w / 2;
            default -> x;
          };
      assertThat(start).as("left of %s", content).isGreaterThanOrEqualTo(0);
      assertThat(start + w).as("right of %s", content).isLessThanOrEqualTo(width);
      if (text.getAttribute("class").equals("step")) {
        stepRows
            .computeIfAbsent(number(text, "y"), y -> new ArrayList<>())
            .add(new double[] {start, w});
      }
    }
    for (List<double[]> row : stepRows.values()) {
      for (int i = 1; i < row.size(); i++) {
        assertThat(row.get(i)[0])
            .as("step label %d of a row starts after the one before ends", i)
            .isGreaterThanOrEqualTo(row.get(i - 1)[0] + row.get(i - 1)[1]);
      }
    }
  }

  private static List<Element> texts(Document svg, String cssClass) {
    List<Element> found = new ArrayList<>();
    NodeList texts = svg.getElementsByTagName("text");
    for (int i = 0; i < texts.getLength(); i++) {
      Element text = (Element) texts.item(i);
      if (text.getAttribute("class").equals(cssClass)) {
        found.add(text);
      }
    }
    return found;
  }

  private static double number(Element element, String attribute) {
    return Double.parseDouble(element.getAttribute(attribute));
  }
}
