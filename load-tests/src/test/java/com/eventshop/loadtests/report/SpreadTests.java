package com.eventshop.loadtests.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadTests {

	@TempDir
	Path folder;

	@Test
	void eachFigureShowsItsSmallestMedianAndLargestValue() throws Exception {
		Path a = run("a", 150, 0.05, "NaN");
		Path b = run("b", 120, 0.04, "0.9");
		Path c = run("c", 400, 0.06, "0.95");
		String text = Spread.markdown(List.of(a, b, c));
		assertThat(text).contains("# Benchmark spread over 3 runs", "| completed orders/s | 120 | 150 | 400 |",
				"| completed ÷ bare SQL | 0.04 | 0.05 | 0.06 |",
				// a figure a run did not measure is left out of its spread, not counted
				// as zero
				"| kept at 2 × | 0.90 | 0.93 | 0.95 |");
	}

	@Test
	void theMediansAreWrittenAsTheSpreadsGoalsForWhatReadsTheNewestGoals() throws Exception {
		Path a = run("a-run1", 150, 0.05, "NaN");
		Path b = run("a-run2", 120, 0.04, "NaN");
		Path c = run("a-run3", 400, 0.06, "NaN");
		Path markdown = this.folder.resolve("a-spread.md");
		Spread.main(new String[] { markdown.toString(), a.toString(), b.toString(), c.toString() });
		assertThat(markdown).content().contains("| completed orders/s | 120 | 150 | 400 |");
		assertThat(this.folder.resolve("a-spread-goals.json")).content()
			.contains("\"completed orders/s\" : 150.0", "\"completed ÷ bare SQL\" : 0.05", "\"kept at 2 ×\" : \"NaN\"");
	}

	@Test
	void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(Spread.median(new double[] { 1, 2, 4, 10 })).isEqualTo(3);
		assertThat(Spread.median(new double[] { 7 })).isEqualTo(7);
	}

	private Path run(String name, double completed, double ratio, String kept) throws Exception {
		Path file = this.folder.resolve(name + "-goals.json");
		String keptValue = kept.equals("NaN") ? "\"NaN\"" : kept;
		Files.writeString(file, "{\"completed orders/s\": " + completed + ", \"completed ÷ bare SQL\": " + ratio
				+ ", \"kept at 2 ×\": " + keptValue + "}");
		return file;
	}

}
