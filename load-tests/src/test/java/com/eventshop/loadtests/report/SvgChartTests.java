package com.eventshop.loadtests.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartTests {

	@Test
	void rendersWellFormedSvgWithOneLinePerSeriesAndItsLegend() throws Exception {
		String svg = SvgChart.render("POST <latency> & more", "seconds", "ms", List.of(
				new SvgChart.Series("p50", List.of(new double[] { 0, 1 }, new double[] { 1, 2 })),
				new SvgChart.Series("p99",
						List.of(new double[] { 0, 5 }, new double[] { 1, Double.NaN }, new double[] { 2, 40 }))),
				List.of(new SvgChart.Marker(1, "intake 300/s")));
		Document document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
		assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
		assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(2);
		assertThat(svg).contains("POST &lt;latency&gt; &amp; more", ">p50<", ">p99<", ">intake 300/s<");
	}

	@Test
	void pointsWithoutAValueAreLeftOutOfTheLine() {
		String svg = SvgChart.render("t", "x", "y",
				List.of(new SvgChart.Series("s",
						List.of(new double[] { 0, 10 }, new double[] { 1, Double.NaN }, new double[] { 2, 10 }))),
				List.of());
		String points = svg.substring(svg.indexOf("points=\"") + 8);
		points = points.substring(0, points.indexOf('"'));
		assertThat(points.split(" ")).hasSize(2);
		assertThat(svg).doesNotContain("NaN");
	}

	@Test
	void anEmptyChartStillRenders() {
		assertThat(SvgChart.render("t", "x", "y", List.of(), List.of())).startsWith("<svg").endsWith("</svg>\n");
	}

	@Test
	void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
		assertThat(SvgChart.niceStep(100)).isEqualTo(20);
		assertThat(SvgChart.niceStep(7)).isEqualTo(1);
		assertThat(SvgChart.niceStep(2400)).isEqualTo(500);
		assertThat(SvgChart.niceStep(0.3)).isEqualTo(0.05, org.assertj.core.api.Assertions.within(1e-12));
	}

}
