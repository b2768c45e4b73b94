package com.eventshop.loadtests.report;

import java.util.List;
import java.util.Locale;

/**
 * A line chart as a standalone SVG: a few series over a shared x axis, with axes, ticks,
 * a legend and labelled vertical markers (the benchmark's phases). Small enough to read,
 * and a browser or GitHub shows it without any library.
 */
public final class SvgChart {

	private static final int WIDTH = 960;

	private static final int HEIGHT = 420;

	private static final int LEFT = 70;

	private static final int RIGHT = 20;

	private static final int TOP = 40;

	private static final int BOTTOM = 60;

	private static final String[] COLORS = { "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
			"#e377c2", "#7f7f7f" };

	private SvgChart() {
	}

	/**
	 * A named line.
	 *
	 * @param name shown in the legend
	 * @param points x and y pairs, in x order
	 */
	public record Series(String name, List<double[]> points) {
	}

	/**
	 * A vertical line at {@code x} with a label, e.g. where a phase starts.
	 *
	 * @param x where
	 * @param label what
	 */
	public record Marker(double x, String label) {
	}

	public static String render(String title, String xLabel, String yLabel, List<Series> series, List<Marker> markers) {
		double minX = Double.MAX_VALUE;
		double maxX = -Double.MAX_VALUE;
		double maxY = 0;
		for (Series s : series) {
			for (double[] p : s.points()) {
				if (Double.isFinite(p[1])) {
					minX = Math.min(minX, p[0]);
					maxX = Math.max(maxX, p[0]);
					maxY = Math.max(maxY, p[1]);
				}
			}
		}
		if (minX > maxX) {
			minX = 0;
			maxX = 1;
		}
		if (maxX == minX) {
			maxX = minX + 1;
		}
		double yStep = niceStep(maxY > 0 ? maxY : 1);
		double yTop = Math.ceil((maxY > 0 ? maxY : 1) / yStep) * yStep;
		Scale scale = new Scale(minX, maxX, yTop);
		StringBuilder svg = new StringBuilder(16_384);
		svg.append(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
				+ "font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
		svg.append(format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, HEIGHT));
		svg.append(format("<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>\n", LEFT,
				escape(title)));
		for (double y = 0; y <= yTop + yStep / 2; y += yStep) {
			double py = scale.y(y);
			svg.append(format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>\n", LEFT, py,
					WIDTH - RIGHT, py));
			svg.append(
					format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6, py + 4, number(y)));
		}
		double xStep = niceStep(maxX - minX);
		for (double x = Math.ceil(minX / xStep) * xStep; x <= maxX; x += xStep) {
			double px = scale.x(x);
			svg.append(format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, HEIGHT - BOTTOM + 16,
					number(x)));
		}
		svg.append(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", LEFT, HEIGHT - BOTTOM,
				WIDTH - RIGHT, HEIGHT - BOTTOM));
		svg.append(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", LEFT, TOP, LEFT,
				HEIGHT - BOTTOM));
		svg.append(format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", (LEFT + WIDTH - RIGHT) / 2,
				HEIGHT - BOTTOM + 34, escape(xLabel)));
		svg.append(format("<text transform=\"translate(16 %d) rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
				(TOP + HEIGHT - BOTTOM) / 2, escape(yLabel)));
		for (Marker marker : markers) {
			if (marker.x() < minX || marker.x() > maxX) {
				continue;
			}
			double px = scale.x(marker.x());
			svg.append(format("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\" "
					+ "stroke-dasharray=\"4 3\"/>\n", px, TOP, px, HEIGHT - BOTTOM));
			svg.append(format(
					"<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#555\" "
							+ "transform=\"rotate(-90 %.1f %d)\" text-anchor=\"end\">%s</text>\n",
					px + 10, TOP + 4, px + 10, TOP + 4, escape(marker.label())));
		}
		for (int i = 0; i < series.size(); i++) {
			String color = COLORS[i % COLORS.length];
			StringBuilder points = new StringBuilder();
			for (double[] p : series.get(i).points()) {
				if (Double.isFinite(p[1])) {
					points.append(format("%.1f,%.1f ", scale.x(p[0]), scale.y(p[1])));
				}
			}
			svg.append(format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>\n", color,
					points.toString().trim()));
			int legendX = LEFT + 10 + i * 150;
			svg.append(format("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>\n", legendX, HEIGHT - 14,
					color));
			svg.append(format("<text x=\"%d\" y=\"%d\">%s</text>\n", legendX + 16, HEIGHT - 9,
					escape(series.get(i).name())));
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	/** 1, 2 or 5 times a power of ten, giving four to ten steps over {@code range}. */
	static double niceStep(double range) {
		double raw = range / 5;
		double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
		double fraction = raw / magnitude;
		double nice = (fraction < 1.5) ? 1 : (fraction < 3.5) ? 2 : (fraction < 7.5) ? 5 : 10;
		return nice * magnitude;
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static String number(double value) {
		return (value == Math.rint(value)) ? format("%d", (long) value) : format("%.2f", value);
	}

	private static String format(String pattern, Object... args) {
		return String.format(Locale.ROOT, pattern, args);
	}

	private record Scale(double minX, double maxX, double maxY) {

		double x(double value) {
			return LEFT + (value - this.minX) / (this.maxX - this.minX) * (WIDTH - LEFT - RIGHT);
		}

		double y(double value) {
			return HEIGHT - BOTTOM - value / this.maxY * (HEIGHT - TOP - BOTTOM);
		}

	}

}
